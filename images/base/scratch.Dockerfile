# Only a static busybox shell, CA certificates, time zone data, the C library
# and the user app, taken from Debian's packages.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE} AS build

# The tag pins the release, not package versions: Debian's mirror drops a
# version once it is superseded, so a pin would break the build within weeks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends busybox-static ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh
RUN sh /usr/local/lib/tiny-docker-images/make-base-rootfs.sh /rootfs

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["sh"]
