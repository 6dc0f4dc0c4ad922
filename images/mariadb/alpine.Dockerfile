# tiny/mariadb:alpine: Alpine's MariaDB server on tiny/base:alpine, with the
# entrypoint and settings every flavor shares.
ARG BASE_IMAGE=tiny/base:alpine
FROM ${BASE_IMAGE}

USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
# The mysql group gets gid 999 in every flavor, which Alpine gives to "ping"
# (the group allowed unprivileged ICMP sockets: nothing here uses it).
RUN set -eu; \
    if grep -q '^ping:x:999:' /etc/group; then delgroup ping; fi; \
    sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh

# mariadb has the server (/usr/bin/mariadbd, its SQL in /usr/share/mariadb),
# mariadb-client the client the entrypoint and the healthcheck query with.
# Alpine builds MariaDB with /etc/my.cnf, which includes /etc/my.cnf.d, and
# puts skip-networking in my.cnf.d/mariadb-server.cnf (main/mariadb/APKBUILD
# in aports). MariaDB reads an included folder in name order (my_dir with
# MY_WANT_SORT in mysys/my_default.c), so the shared settings that undo it go
# in as zz-tiny.cnf: 99-tiny.cnf would sort before mariadb-server.cnf and lose.
RUN apk add --no-cache mariadb mariadb-client

COPY mariadb/conf/tiny.cnf /etc/my.cnf.d/zz-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
