# tiny/base:centos: the seed's original parent, CentOS 7 with packages
# installed the ordinary way, and the non-root user app.
ARG CENTOS_IMAGE=centos:7
FROM ${CENTOS_IMAGE}

# CentOS 7 ended in June 2024: mirrorlist.centos.org is gone and its last
# release, 7.9.2009, lives on in the vault only. The image's own repository
# files all name the mirror list, so they make way for one pointing at the
# vault (CENTOS_VAULT: a site's own copy of it). The signing key is the
# image's own. Children built FROM this image inherit the repositories, and
# a misspelt package name fails the build instead of yum skipping it.
ARG CENTOS_VAULT=https://vault.centos.org
RUN set -eu; \
    rm -f /etc/yum.repos.d/*.repo; \
    for repo in os updates extras; do \
      printf '%s\n' "[$repo]" "name=CentOS 7.9.2009 $repo (vault)" \
        "baseurl=$CENTOS_VAULT/7.9.2009/$repo/\$basearch/" \
        gpgcheck=1 gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7 ''; \
    done >/etc/yum.repos.d/CentOS-Vault-7.9.2009.repo; \
    echo 'skip_missing_names_on_install=0' >>/etc/yum.conf

# Both come with the image; naming them brings the vault's last updates.
RUN yum install -y ca-certificates tzdata \
 && yum clean all \
 && rm -rf /var/cache/yum

COPY shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/pki/tls/certs/ca-bundle.crt
USER app
WORKDIR /home/app
CMD ["bash"]
