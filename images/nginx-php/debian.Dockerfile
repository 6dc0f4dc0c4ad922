# nginx and PHP-FPM from Debian's packages, installed the ordinary way.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
# Package versions follow the release (see images/base/scratch.Dockerfile).
# curl is for the HEALTHCHECK: this flavor has no wget.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      nginx \
      php8.2-fpm php8.2-mysql php8.2-mbstring php8.2-curl php8.2-xml php8.2-opcache \
      tini curl \
 && rm -rf /var/lib/apt/lists/*
# readline off in FPM: Alpine and EL7 build it into the CLI alone, and every
# flavor's PHP-FPM loads the same extensions.
RUN ln -s /usr/sbin/php-fpm8.2 /usr/local/bin/php-fpm \
 && rm -f /etc/nginx/sites-enabled/default \
 && phpdismod -s fpm readline

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
