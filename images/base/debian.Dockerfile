# The conventional parent: debian:bookworm-slim, base's packages
# (packages.txt) installed the ordinary way.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}

COPY shared/rootfs/apt-install.sh shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
COPY base/packages.txt /usr/local/lib/tiny-docker-images/base/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/base/packages.txt
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["bash"]
