# Debian's ab and the libraries it loads, FROM scratch, not tiny/base:scratch:
# a one-shot client needs none of the base's shell, time zone data or CA
# bundle (2.8 MB; on the base the image would be 12 MB instead of 9.4).
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE} AS build

# Package versions follow the release (see images/base/scratch.Dockerfile).
RUN apt-get update \
 && apt-get install -y --no-install-recommends apache2-utils \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
COPY ab/build/ /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh
RUN sh /usr/local/lib/tiny-docker-images/make-ab-rootfs.sh /rootfs

FROM scratch
COPY --from=build /rootfs/ /
USER app
WORKDIR /home/app
ENTRYPOINT ["/usr/bin/ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]
