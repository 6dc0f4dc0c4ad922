# nginx and PHP-FPM from Debian's packages (packages.txt), installed the
# ordinary way.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY nginx-php/packages.txt /usr/local/lib/tiny-docker-images/nginx-php/
# curl is for the HEALTHCHECK: this flavor has no wget.
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/nginx-php/packages.txt curl
COPY nginx-php/build/configure.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/configure.sh

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
