#!/usr/bin/env bash
# One-time onboarding of the sockshop project into Keptn 1.x
set -euo pipefail
keptn create project sockshop --shipyard=keptn/shipyard.yaml --git-user="$GIT_USER" --git-token="$GIT_TOKEN" --git-remote-url="$GIT_REMOTE"
for svc in carts orders; do
  keptn create service "$svc" --project=sockshop
  keptn add-resource --project=sockshop --service="$svc" --all-stages --resource="keptn/$svc/slo.yaml" --resourceUri=slo.yaml
done
keptn add-resource --project=sockshop --resource=keptn/prometheus/sli.yaml --resourceUri=prometheus/sli.yaml
keptn configure monitoring prometheus --project=sockshop --service=carts
keptn create secret slack --from-literal="webhook=T000/B000/XXXX" --scope=keptn-webhook-service
