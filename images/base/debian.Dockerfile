# The conventional parent: debian:bookworm-slim, packages installed the
# ordinary way.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}

# Package versions follow the release (see scratch.Dockerfile).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*

COPY shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["bash"]
