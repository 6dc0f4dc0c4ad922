# base's Debian packages (packages.txt) whole, minus exclusions.txt, and a
# static busybox as the shell, FROM scratch; their dpkg records kept in
# /var/lib/dpkg/status.d, as distroless keeps them.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE} AS build

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY base/packages.txt base/exclusions.txt base/postinst.txt /usr/local/lib/tiny-docker-images/base/
# busybox-static: the shell, in place of Debian's essential packages.
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/base/packages.txt busybox-static
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh
RUN sh /usr/local/lib/tiny-docker-images/make-base-rootfs.sh /rootfs
RUN sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs base "" busybox-static

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["sh"]
