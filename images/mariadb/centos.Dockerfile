# MariaDB from MariaDB's own repository, the way EL7 hosts ran a current
# MariaDB, with the entrypoint and settings every flavor shares.
ARG BASE_IMAGE=tiny/base:centos
FROM ${BASE_IMAGE}

USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
# mysql gets gid 999 in every flavor; CentOS 7's image gives it to "input"
# (/dev/input devices, which a container doesn't have).
RUN set -eu; \
    if grep -q '^input:x:999:' /etc/group; then groupdel input; fi; \
    sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh

# Not CentOS's mariadb-server: 5.5 lacks mysql.global_priv, JSON_VALUE and the
# sys schema the shared entrypoint and the suite need (10.6+). 10.11 is the
# debian flavor's series; MariaDB's archive keeps its EL7 builds, laid out as
# https://mariadb.com/kb/en/mariadb-package-repository-setup-and-usage/ says to
# pin a minor release. 10.11.8 (May 2024) predates EL7's end; later 10.11
# releases may have no EL7 builds. MARIADB_ARCHIVE: a site's own mirror.
ARG MARIADB_ARCHIVE=https://archive.mariadb.org
ARG MARIADB_VERSION=10.11.8
RUN printf '%s\n' '[mariadb]' "name=MariaDB $MARIADB_VERSION" \
      "baseurl=$MARIADB_ARCHIVE/mariadb-$MARIADB_VERSION/yum/centos/7/\$basearch/" \
      gpgcheck=1 "gpgkey=$MARIADB_ARCHIVE/PublicKey" >/etc/yum.repos.d/mariadb.repo

# util-linux: flock, for the entrypoint's lock (already in centos:7; named
# because the entrypoint needs it). The package's post-install initialises
# /var/lib/mysql; emptied, because the entrypoint initialises it from the
# variables on the first start.
RUN ulimit -n 1024 \
 && yum install -y MariaDB-server MariaDB-client util-linux \
 && yum clean all \
 && rm -rf /var/cache/yum \
 && find /var/lib/mysql -mindepth 1 -delete

# zz-: /etc/my.cnf includes /etc/my.cnf.d in name order, so the shared
# settings come last (as in the alpine flavor).
COPY mariadb/conf/tiny.cnf /etc/my.cnf.d/zz-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
