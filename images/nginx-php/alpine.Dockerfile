# nginx and PHP-FPM from Alpine's packages, with the extensions, configuration
# and supervisor every flavor shares.
ARG BASE_IMAGE=tiny/base:alpine
FROM ${BASE_IMAGE}

USER root
# php83, not Alpine's newer php84: the centos flavor, this one's original, can
# only have 8.3 (remi's last PHP for EL7), and a pair must run the same minor.
# The extensions are the debian flavor's, one package each; Core, date, filter,
# hash, json, libxml, pcre, random, Reflection, SPL, standard and zlib are
# built in, and readline into the CLI only, as on EL7
# (https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/community/php83/APKBUILD).
# No curl: busybox's wget serves the HEALTHCHECK.
RUN apk add --no-cache \
      nginx \
      php83-fpm php83-opcache \
      php83-mysqli php83-mysqlnd php83-pdo php83-pdo_mysql \
      php83-mbstring php83-curl php83-openssl php83-sodium \
      php83-dom php83-simplexml php83-xml php83-xmlreader php83-xmlwriter php83-xsl \
      php83-calendar php83-ctype php83-exif php83-ffi php83-fileinfo php83-ftp php83-gettext \
      php83-iconv php83-phar php83-posix php83-session php83-shmop php83-sockets \
      php83-sysvmsg php83-sysvsem php83-sysvshm php83-tokenizer \
      tini
# The supervisor runs php-fpm, as the debian flavor links it; Alpine names it
# php-fpm83 (its --program-suffix).
RUN ln -s /usr/sbin/php-fpm83 /usr/local/bin/php-fpm

COPY nginx-php/conf/nginx.conf /etc/nginx/nginx.conf
COPY nginx-php/conf/php-fpm.conf /etc/php83/php-fpm.conf
# Read after the extensions' NN_<name>.ini: PHP reads the folder in name order.
COPY nginx-php/conf/php.ini /etc/php83/conf.d/99-tiny.ini
COPY nginx-php/bin/ /usr/local/bin/
COPY nginx-php/www/ /var/www/html/

EXPOSE 80
HEALTHCHECK --interval=5s --timeout=5s --start-period=5s --retries=3 CMD ["healthcheck"]
USER app
ENTRYPOINT ["tini", "--"]
CMD ["supervisor"]
