#!/bin/sh
# Signs a DIP message body as a party of the simulator's test PKI, as the DIP reference
# catalogue asks (docs/dip.md), and POSTs it. Needs only sh, openssl and curl.
#   samples/dip/send.sh [BODY] [SENDER] [URL]
# BODY defaults to samples/dip/IF-REF01.json; {{id}}, {{now}} and {{in7days}} in it are filled
# in (a fresh id, the time now, the date in 7 days). PKI (default ./data-dip/pki) is the
# simulator's test PKI directory.
set -eu
here=$(dirname "$0")
template=${1:-$here/IF-REF01.json}
sender=${2:-SUPA}
url=${3:-https://localhost:8443/dip/v1/messages}
pki=${PKI:-./data-dip/pki}

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
in7days=$(date -u -d '+7 days' +%Y-%m-%d 2>/dev/null || date -u -v+7d +%Y-%m-%d)
id=$(openssl rand -hex 16)
body=$(mktemp)
trap 'rm -f "$body"' EXIT
sed -e "s/{{id}}/$id/g" -e "s/{{now}}/$now/g" -e "s/{{in7days}}/$in7days/g" "$template" > "$body"

# X-DIP-Content-Hash: base64 SHA-256 of the body; X-DIP-Signature: base64 RSA PKCS#1 v1.5
# SHA-256 over METHOD;lowercased-url;timestamp;contentHash
hash=$(openssl dgst -sha256 -binary "$body" | openssl base64 -A)
lower=$(printf '%s' "$url" | tr '[:upper:]' '[:lower:]')
signature=$(printf '%s' "POST;$lower;$now;$hash" | openssl dgst -sha256 -sign "$pki/parties/$sender.key" | openssl base64 -A)
certificate=$(openssl base64 -A < "$pki/parties/$sender.crt")

curl -sS --cacert "$pki/ca.crt" -X POST "$url" \
  -H 'Content-Type: application/json' \
  -H "X-DIP-Signature-Date: $now" \
  -H "X-DIP-Content-Hash: $hash" \
  -H "X-DIP-Signature-Certificate: $certificate" \
  -H "X-DIP-Signature: $signature" \
  --data-binary @"$body" -w '\nHTTP %{http_code}\n'
