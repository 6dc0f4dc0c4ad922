# nginx-php's Debian packages (packages.txt) whole, minus exclusions.txt and
# base's rules, on tiny/base:scratch, with the debian flavor's configuration.
# One replacement, by choice: ICU's 30 MB data library (libxml2's) becomes
# ICU's empty stub; build/icu-stubdata.sh says why that is sound (binutils:
# its as and ld, installed for the build, not copied).
# scratch-build: install on=base build-only=binutils
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
COPY nginx-php/packages.txt nginx-php/packages.lock nginx-php/exclusions.txt nginx-php/postinst.txt /usr/local/lib/tiny-docker-images/nginx-php/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/nginx-php/packages.txt binutils
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)
COPY nginx-php/build/ /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/configure.sh
# scratch-build: packages then=icu-stubdata.sh
# What base has is not copied again, and its exclusion rules apply here.
COPY --from=base / /parent/
# The packages' files, minus the exclusions, with their dpkg records (https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md).
RUN sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs nginx-php /parent
RUN sh /usr/local/lib/tiny-docker-images/icu-stubdata.sh /rootfs
RUN sh /usr/local/lib/tiny-docker-images/check-libs.sh /rootfs /parent
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)

FROM ${BASE_IMAGE}
COPY --from=build /rootfs/ /
COPY nginx-php/conf/nginx.conf /etc/nginx/nginx.conf
COPY nginx-php/conf/php-fpm.conf /etc/php/8.2/fpm/php-fpm.conf
COPY nginx-php/conf/php.ini /etc/php/8.2/fpm/conf.d/99-tiny.ini
COPY nginx-php/bin/ /usr/local/bin/
COPY nginx-php/www/ /var/www/html/

EXPOSE 80
HEALTHCHECK --interval=5s --timeout=5s --start-period=5s --retries=3 CMD ["healthcheck"]
USER app
ENTRYPOINT ["tini", "--"]
CMD ["supervisor"]
