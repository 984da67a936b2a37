#!/usr/bin/env bash
# Prints the X-JWS-Signature value for a message file: a detached JWS (RFC 7515 appendix F),
# ES256, over the file's exact bytes, with the kid the simulator printed at start (or the one in
# GET /pki/parties/<MPID>/jwks.json). Needs openssl and perl.
#   usage: samples/sign.sh data/pki/parties/SUPA.key <kid> message.json
set -euo pipefail
key=$1 kid=$2 body=$3
b64url() { base64 | tr -d '\n=' | tr '+/' '-_'; }
header=$(printf '{"alg":"ES256","kid":"%s"}' "$kid" | b64url)
payload=$(b64url < "$body")
# openssl signs in DER; JWS wants R and S as 32 bytes each, side by side
rs=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | openssl asn1parse -inform DER \
  | sed -n 's/.*INTEGER *:\([0-9A-F]*\).*/\1/p')
pad() { printf '%064s' "$1" | tr ' ' 0 | tail -c 64; }
signature=$( { pad "$(sed -n 1p <<<"$rs")"; pad "$(sed -n 2p <<<"$rs")"; } | perl -ne 'print pack("H*", $_)' | b64url)
printf '%s..%s\n' "$header" "$signature"
