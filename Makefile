# The two commands of the README:
#   make run    builds and opens the desktop app (installs what is missing)
#   make test   runs the whole test suite (installs what is missing)
GO ?= go
export NPIE_REQUIRE_TOOLS ?= 1

.PHONY: run test bench fuzz lint deps-run deps-test screenshots

screenshots:
	scripts/screenshots.sh

run: deps-run
	$(GO) run ./cmd/seguritools

test: deps-test lint
	CGO_ENABLED=0 $(GO) test -count=1 -timeout 20m $$($(GO) list ./... | grep -v -e /ui -e /cmd/seguritools)
	$(GO) test -race -count=1 -tags ci -timeout 20m ./ui/... ./cmd/seguritools/...
	scripts/fuzz-smoke.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags ci ./...
	CGO_ENABLED=0 $(GO) build ./cmd/npiectl ./cmd/refca ./app/... ./crypto/...
	GOOS=windows CGO_ENABLED=0 $(GO) vet ./internal/... ./app/... ./cmd/npiectl ./cmd/refca ./crypto/...
	GOOS=darwin CGO_ENABLED=0 $(GO) vet ./internal/... ./app/... ./cmd/npiectl ./cmd/refca ./crypto/...

bench: deps-test
	scripts/bench.sh

fuzz:
	FUZZTIME=$${FUZZTIME:-1m} scripts/fuzz-smoke.sh

deps-run:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test
