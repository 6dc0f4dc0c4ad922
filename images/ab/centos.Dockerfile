# tiny/ab:centos: Apache Bench from CentOS 7's httpd-tools on
# tiny/base:centos, the seed's original.
ARG BASE_IMAGE=tiny/base:centos
FROM ${BASE_IMAGE}

USER root
RUN yum install -y httpd-tools \
 && yum clean all \
 && rm -rf /var/cache/yum

USER app
ENTRYPOINT ["ab"]
# Without arguments ab would complain about them before its usage; -h prints
# the usage alone.
CMD ["-h"]
