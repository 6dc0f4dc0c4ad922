# nginx from EPEL and PHP from remi's repository, the way the seed's 2016
# CentOS 7 image got a current PHP, with the extensions, configuration and
# supervisor every flavor shares.
ARG BASE_IMAGE=tiny/base:centos
FROM ${BASE_IMAGE}

USER root
# EPEL 7 moved to Fedora's archive when EL7 ended (June 2024). remi-safe has the
# libraries remi's PHP needs; remi-php83 is PHP in the non-SCL layout
# (/usr/sbin/php-fpm, /etc/php-fpm.conf, /etc/php.d). If remi moves EL7 under
# archives/ as it did EL6, pass
# REMI_EL7=https://rpms.remirepo.net/archives/enterprise/7.
# All three are build arguments, for a site with its own mirror.
ARG EPEL_ARCHIVE=https://archives.fedoraproject.org/pub/archive/epel
ARG REMI_EL7=https://rpms.remirepo.net/enterprise/7
ARG REMI_GPG_KEY=https://rpms.remirepo.net/RPM-GPG-KEY-remi
RUN set -eu; \
    { \
      printf '%s\n' '[epel]' 'name=EPEL 7 (archive)' "baseurl=$EPEL_ARCHIVE/7/\$basearch/" \
        gpgcheck=1 "gpgkey=$EPEL_ARCHIVE/RPM-GPG-KEY-EPEL-7" ''; \
      for repo in safe php83; do \
        printf '%s\n' "[remi-$repo]" "name=remi $repo for EL7" "baseurl=$REMI_EL7/$repo/\$basearch/" \
          gpgcheck=1 "gpgkey=$REMI_GPG_KEY" ''; \
      done; \
    } >/etc/yum.repos.d/nginx-php.repo

# PHP 8.3, remi's newest for EL7, so the alpine flavor's minor. Extensions by
# package, per remi's php.spec (as of 7.4): php-common has calendar, ctype,
# curl, exif, fileinfo, ftp, gettext, iconv, phar, sockets, tokenizer and the
# built-in ones; php-mysqlnd mysqli, mysqlnd and pdo_mysql; php-xml dom,
# simplexml, xml, xmlreader, xmlwriter and xsl; php-process posix, shmop and
# sysv*; readline is in php-cli only. nginx 1.20 and tini 0.19 come from EPEL;
# the base image's curl serves the HEALTHCHECK.
RUN ulimit -n 1024 \
 && yum install -y \
      nginx tini \
      php-fpm php-opcache php-mysqlnd php-pdo php-mbstring php-xml php-process php-sodium php-ffi \
 && yum clean all \
 && rm -rf /var/cache/yum
# Every flavor loads the same extensions (the nginx-php suite compares them);
# no other has bz2 (from php-common here) or SQLite (from php-pdo).
RUN rm /etc/php.d/*-bz2.ini /etc/php.d/*-sqlite3.ini /etc/php.d/*-pdo_sqlite.ini

COPY nginx-php/conf/nginx.conf /etc/nginx/nginx.conf
COPY nginx-php/conf/php-fpm.conf /etc/php-fpm.conf
COPY nginx-php/conf/php.ini /etc/php.d/99-tiny.ini
COPY nginx-php/bin/ /usr/local/bin/
COPY nginx-php/www/ /var/www/html/

EXPOSE 80
HEALTHCHECK --interval=5s --timeout=5s --start-period=5s --retries=3 CMD ["healthcheck"]
USER app
ENTRYPOINT ["tini", "--"]
CMD ["supervisor"]
