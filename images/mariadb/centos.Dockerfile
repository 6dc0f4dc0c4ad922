# tiny/mariadb:centos: MariaDB on tiny/base:centos from MariaDB's own
# repository, the way EL7 hosts ran a current MariaDB, with the entrypoint and
# settings every flavor shares.
ARG BASE_IMAGE=tiny/base:centos
FROM ${BASE_IMAGE}

USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
# The mysql group gets gid 999 in every flavor, which CentOS 7's image gives
# to "input" (for /dev/input devices, which a container doesn't have).
RUN set -eu; \
    if grep -q '^input:x:999:' /etc/group; then groupdel input; fi; \
    sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh

# Not CentOS's own mariadb-server: that is 5.5, without mysql.global_priv,
# JSON_VALUE or the sys schema the shared entrypoint and the suite use (they
# need 10.6 or later). MariaDB 10.11 is the series the debian flavor runs, and
# MariaDB's archive keeps its EL7 builds: the form
# <archive>/mariadb-<version>/yum/centos/7/<arch> and the key <archive>/PublicKey
# are those of MariaDB's own "pin to a minor release" instructions. 10.11.8
# (May 2024) is a release from before EL7's end; whether a later 10.11 has EL7
# builds could not be checked here. MARIADB_ARCHIVE: a site's own mirror.
ARG MARIADB_ARCHIVE=https://archive.mariadb.org
ARG MARIADB_VERSION=10.11.8
RUN printf '%s\n' '[mariadb]' "name=MariaDB $MARIADB_VERSION" \
      "baseurl=$MARIADB_ARCHIVE/mariadb-$MARIADB_VERSION/yum/centos/7/\$basearch/" \
      gpgcheck=1 "gpgkey=$MARIADB_ARCHIVE/PublicKey" >/etc/yum.repos.d/mariadb.repo

# MariaDB-server brings MariaDB-common, -shared and galera-4 along; its
# post-install script initialises /var/lib/mysql, which is emptied here: the
# entrypoint makes the data directory, from the variables, on the first
# start. The server is /usr/sbin/mariadbd, the client /usr/bin/mariadb; the
# configuration is /etc/my.cnf, which includes /etc/my.cnf.d (server.cnf,
# client.cnf...), read in name order, so the shared settings go last, as in
# the alpine flavor.
RUN yum install -y MariaDB-server MariaDB-client \
 && yum clean all \
 && rm -rf /var/cache/yum \
 && find /var/lib/mysql -mindepth 1 -delete

COPY mariadb/conf/tiny.cnf /etc/my.cnf.d/zz-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
