# Apache Bench from Debian's apache2-utils (packages.txt), installed the
# ordinary way.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY ab/packages.txt /usr/local/lib/tiny-docker-images/ab/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/ab/packages.txt

USER app
ENTRYPOINT ["ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]
