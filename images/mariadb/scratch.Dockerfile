# The files Debian's MariaDB server runs with, and the client the healthcheck
# queries with, on tiny/base:scratch: the debian flavor's packages,
# configuration and entrypoint.
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE=tiny/base:scratch
FROM ${DEBIAN_IMAGE} AS build

# Package versions follow the release (see images/base/scratch.Dockerfile).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
# cp -L: /etc/mysql goes through Debian's alternatives symlinks. No
# 60-galera.cnf: no cluster here. The SQL is what the entrypoint initialises a
# data directory with; messages in English only, the server's default language.
RUN set -eu; \
    sh /usr/local/lib/tiny-docker-images/copy-with-libs.sh /rootfs /usr/sbin/mariadbd /usr/bin/mariadb; \
    mkdir -p /rootfs/etc /rootfs/usr/share/mysql; \
    cp -rL /etc/mysql /rootfs/etc/; \
    rm /rootfs/etc/mysql/mariadb.conf.d/60-galera.cnf; \
    cd /usr/share/mysql; \
    cp -a charsets english mysql_system_tables.sql mysql_performance_tables.sql \
      mysql_system_tables_data.sql fill_help_tables.sql maria_add_gis_sp_bootstrap.sql \
      mysql_sys_schema.sql /rootfs/usr/share/mysql/

FROM ${BASE_IMAGE}
COPY --from=build /rootfs/ /
USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh
COPY mariadb/conf/tiny.cnf /etc/mysql/mariadb.conf.d/99-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
