# base's Debian packages (packages.txt) whole, minus exclusions.txt, and a
# static busybox as the shell (busybox-static, in place of Debian's essential
# packages), FROM scratch; their dpkg records kept in /var/lib/dpkg/status.d,
# as distroless keeps them.
# scratch-build: install also=busybox-static
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE} AS build
# The lock's epoch, which the harness passes: what the build writes dates
# with (useradd's password ages) reads it (https://reproducible-builds.org/specs/source-date-epoch/).
ARG SOURCE_DATE_EPOCH
# npm run lock's TINY_LOCK=refresh: the newest packages, and their lock written.
ARG TINY_LOCK
# TINY_DEBIAN_SNAPSHOT's apt sources, which apt-install.sh installs from in place of the mirror's.
ARG TINY_APT_SOURCES

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY base/packages.txt base/packages.lock base/exclusions.txt base/postinst.txt /usr/local/lib/tiny-docker-images/base/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/base/packages.txt busybox-static
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh
RUN sh /usr/local/lib/tiny-docker-images/make-base-rootfs.sh /rootfs
# scratch-build: packages
# The packages' files, minus the exclusions, with their dpkg records (https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md).
RUN sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs base "" busybox-static
RUN sh /usr/local/lib/tiny-docker-images/check-libs.sh /rootfs
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["sh"]
