# tiny/nginx-php:scratch: the nginx and PHP-FPM files of Debian's packages,
# with the libraries they load, on tiny/base:scratch. Same packages, same
# extensions, same configuration as the debian flavor. One difference, by
# choice: ICU's 30 MB data library (libxml2's) is replaced by ICU's empty
# stub; build/icu-stubdata.sh says why that is sound.
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE=tiny/base:scratch
FROM ${DEBIAN_IMAGE} AS build

# Package versions follow the release (see images/base/scratch.Dockerfile).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      nginx \
      php8.2-fpm php8.2-mysql php8.2-mbstring php8.2-curl php8.2-xml php8.2-opcache \
      tini \
      binutils \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
COPY nginx-php/build/ /usr/local/lib/tiny-docker-images/
# The binaries, every extension PHP-FPM loads, and what they link; PHP's and
# nginx's configuration trees as the packages laid them out; glibc's iconv
# modules, which ldd can't see (loaded at run time) but PHP's iconv and
# libxml2 need for every charset beyond ASCII and UTF-8. PHP-FPM leaves
# readline out, as the debian flavor does.
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
