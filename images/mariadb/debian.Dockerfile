# Debian's MariaDB server (packages.txt), installed the ordinary way, with the
# entrypoint and settings every flavor shares.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY mariadb/packages.txt /usr/local/lib/tiny-docker-images/mariadb/
# The package's data directory is emptied: the entrypoint initialises it from
# the variables on the first start.
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/mariadb/packages.txt \
 && find /var/lib/mysql -mindepth 1 -delete

COPY mariadb/conf/tiny.cnf /etc/mysql/mariadb.conf.d/99-tiny.cnf
COPY mariadb/bin/ /usr/local/bin/

VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=5s --timeout=5s --start-period=10s --retries=3 CMD ["healthcheck"]
USER mysql
ENTRYPOINT ["docker-entrypoint"]
CMD ["mariadbd"]
