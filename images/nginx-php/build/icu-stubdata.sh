#!/bin/sh
# Usage: icu-stubdata.sh ROOT
# Puts in ROOT, where this build stage has ICU's 30 MB data library (which
# exclusions.txt leaves out), ICU's own "stubdata" instead: the
# same symbol, holding an empty table of contents
# (https://github.com/unicode-org/icu/tree/main/icu4c/source/stubdata).
# Sound here because ICU's only user in the image is libxml2, which decodes
# UTF-8, UTF-16, ISO-8859-1 and ASCII itself and asks glibc's iconv (its
# modules are in the image) before ICU; ICU loads its data lazily, so only an
# encoding that ICU alone knows becomes "unsupported encoding".
# Needs as and ld (binutils).
set -eu
root=$1
lib=$(find /usr/lib -name 'libicudata.so.*.*' | head -n 1)
[ -n "$lib" ] || { echo "icu-stubdata: no libicudata installed" >&2; exit 1; }
major=$(basename "$lib" | sed 's/^libicudata\.so\.\([0-9]*\)\..*$/\1/')
work=$(mktemp -d)

# The layout of ICU's ICU_Data_Header (MappedData, UDataInfo, a TOC with
# no entries), for a little-endian ASCII machine with 2-byte UChar.
cat >"$work/stub.s" <<ASM
    .section .rodata
    .globl icudt${major}_dat
    .type icudt${major}_dat, @object
    .balign 16
icudt${major}_dat:
    .short 32, 0x27da           /* headerSize; magic1 0xda, magic2 0x27 */
    .short 20, 0                /* sizeof(UDataInfo); reserved */
    .byte 0, 0, 2, 0            /* little-endian, ASCII family, sizeof(UChar), reserved */
    .byte 0x54, 0x6f, 0x43, 0x50 /* data format "ToCP" */
    .byte 1, 0, 0, 0            /* format version */
    .byte 0, 0, 0, 0            /* data version */
    .zero 8                     /* padding */
    .long 0, 0                  /* count: no entries; reserved */
    .long 0, 0, 0, 0            /* the empty table of contents */
    .size icudt${major}_dat, . - icudt${major}_dat
    .section .note.GNU-stack, "", @progbits
ASM
as -o "$work/stub.o" "$work/stub.s"
ld -shared -soname "libicudata.so.$major" -o "$work/libicudata.so" "$work/stub.o"
cp "$work/libicudata.so" "$root$lib"
# Its soname link, which copy-packages.sh dropped with the library it led to.
ln -sf "$(basename "$lib")" "$root$(dirname "$lib")/libicudata.so.$major"
rm -rf "$work"
