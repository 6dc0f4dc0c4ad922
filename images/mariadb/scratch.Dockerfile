# mariadb's Debian packages (packages.txt) whole, minus exclusions.txt and
# base's rules, on tiny/base:scratch, with the configuration and entrypoint
# every flavor shares. The mysql user is made before the packages are
# installed, so their files belong to uid 999, as in the debian flavor.
# scratch-build: install on=base before=mariadb/build/add-mysql-user.sh
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE=tiny/base:scratch
FROM ${BASE_IMAGE} AS base
FROM ${DEBIAN_IMAGE} AS build
# The lock's epoch, which the harness passes: what the build writes dates
# with (useradd's password ages) reads it (https://reproducible-builds.org/specs/source-date-epoch/).
ARG SOURCE_DATE_EPOCH
# npm run lock's TINY_LOCK=refresh: the newest packages, and their lock written.
ARG TINY_LOCK
# TINY_DEBIAN_SNAPSHOT's apt sources, which apt-install.sh installs from in place of the mirror's.
ARG TINY_APT_SOURCES

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY mariadb/build/add-mysql-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-mysql-user.sh
COPY mariadb/packages.txt mariadb/packages.lock mariadb/exclusions.txt /usr/local/lib/tiny-docker-images/mariadb/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/mariadb/packages.txt
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)
# scratch-build: packages
# What base has is not copied again, and its exclusion rules apply here.
COPY --from=base / /parent/
# The packages' files, minus the exclusions, with their dpkg records (https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md).
RUN sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs mariadb /parent
RUN sh /usr/local/lib/tiny-docker-images/check-libs.sh /rootfs /parent
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)

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
