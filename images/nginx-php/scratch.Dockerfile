# The debian flavor's nginx and PHP-FPM files, extensions and configuration,
# with the libraries they load, on tiny/base:scratch. One difference, by
# choice: ICU's 30 MB data library (libxml2's) becomes ICU's empty stub;
# build/icu-stubdata.sh says why that is sound.
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE=tiny/base:scratch
FROM ${DEBIAN_IMAGE} AS build

# Package versions follow the release (see images/base/scratch.Dockerfile).
# binutils: as and ld for build/icu-stubdata.sh.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      nginx \
      php8.2-fpm php8.2-mysql php8.2-mbstring php8.2-curl php8.2-xml php8.2-opcache \
      tini \
      binutils \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
COPY nginx-php/build/ /usr/local/lib/tiny-docker-images/
# glibc loads its iconv modules (gconv) at run time, so ldd can't see them, but
# PHP's iconv and libxml2 need them for every charset beyond ASCII and UTF-8.
# readline off in FPM, as in the debian flavor.
RUN set -eu; \
    copy=/usr/local/lib/tiny-docker-images/copy-with-libs.sh; \
    sh "$copy" /rootfs /usr/sbin/nginx /usr/sbin/php-fpm8.2 /usr/bin/tini /usr/lib/php/*/*.so; \
    mkdir -p /rootfs/etc/nginx /rootfs/usr/local/bin; \
    cp /etc/nginx/mime.types /etc/nginx/fastcgi_params /rootfs/etc/nginx/; \
    phpdismod -s fpm readline; \
    cp -a /etc/php /rootfs/etc/; \
    cp -a /usr/lib/x86_64-linux-gnu/gconv /rootfs/usr/lib/x86_64-linux-gnu/; \
    ln -s /usr/sbin/php-fpm8.2 /rootfs/usr/local/bin/php-fpm; \
    sh /usr/local/lib/tiny-docker-images/icu-stubdata.sh /rootfs

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
