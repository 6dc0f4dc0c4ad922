# Alpine's MariaDB server, with the entrypoint and settings every flavor shares.
ARG BASE_IMAGE=tiny/base:alpine
FROM ${BASE_IMAGE}

USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
# mysql gets gid 999 in every flavor; Alpine gives it to "ping" (unprivileged
# ICMP sockets), which nothing here uses.
RUN set -eu; \
    if grep -q '^ping:x:999:' /etc/group; then delgroup ping; fi; \
    sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh

# mariadb-client: the entrypoint and the healthcheck query with it.
# flock: the entrypoint holds a lock on the data directory for the server's
# whole life (util-linux's, packaged alone; busybox's flock applet may be left out).
RUN apk add --no-cache mariadb mariadb-client flock

# zz-, not 99-: Alpine's /etc/my.cnf.d/mariadb-server.cnf sets skip-networking
# (https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/mariadb/APKBUILD)
# and MariaDB reads an included folder in name order (my_dir with MY_WANT_SORT
# in mysys/my_default.c), so 99-tiny.cnf would sort before it and lose.
COPY mariadb/conf/tiny.cnf /etc/my.cnf.d/zz-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
