# The seed's original parent: CentOS 7, packages installed the ordinary way,
# and the user app.
ARG CENTOS_IMAGE=centos:7
FROM ${CENTOS_IMAGE}

# CentOS 7 ended in June 2024 (https://www.centos.org/centos-linux-eol/):
# mirrorlist.centos.org, which every repo file in the image names, is gone, and
# 7.9.2009 survives in the vault only (CENTOS_VAULT: a site's own copy).
# Children inherit these repositories; skip_missing_names_on_install=0 makes a
# misspelt package name fail the build instead of being skipped.
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
# ulimit -n first in every RUN that calls yum or rpm: they close every possible
# descriptor in a loop, hours under an engine that gives 10^9 (moby/moby#23137;
# the harness sets the same limit on the build, src/catalog.ts).
RUN ulimit -n 1024 \
 && yum install -y ca-certificates tzdata \
 && yum clean all \
 && rm -rf /var/cache/yum

COPY shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/pki/tls/certs/ca-bundle.crt
USER app
WORKDIR /home/app
CMD ["bash"]
