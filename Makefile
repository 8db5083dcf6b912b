# The two commands of the README:
#   make run    builds and opens the desktop app (installs what is missing)
#   make test   runs the whole test suite (installs what is missing; the
#               PostgreSQL tests get a throw-away server, scripts/postgres-test.sh,
#               and the PKCS#11 ones SoftHSM2 tokens, scripts/softhsm-test.sh)
GO ?= go
export NPIE_REQUIRE_TOOLS ?= 1

.PHONY: run test bench fuzz lint deps-run deps-test screenshots dist dist-macos test-windows ci-windows

# Packages for users, into dist/ (Windows .exe/.msi signed, .deb, .tar.xz,
# macOS CLI, SHA256SUMS). Not part of `make test`: mingw, wixl and the
# Windows GUI build take minutes. See README.md, "Instalar".
dist:
	@scripts/dist-deps.sh dist
	scripts/dist.sh
	scripts/check-dist.sh

# The Windows binaries under Wine: npiectl.exe's whole procedure against a
# refca on loopback, and the installer (when dist/ has one).
test-windows:
	@scripts/dist-deps.sh test-windows
	scripts/test-windows.sh

# CI's Windows job: the Windows binaries, the MSI and the .deb, signed and
# checked (osslsigncode, lintian), then everything test-windows runs under
# Wine. Skips the macOS CLI and the .tar.xz, which nothing here tests.
ci-windows:
	@scripts/dist-deps.sh test-windows
	scripts/dist.sh windows-cli windows-gui msi sign deb sums
	scripts/check-dist.sh
	scripts/test-windows.sh

# On a Mac with Xcode: the app bundle, signed and notarized (README.md).
dist-macos:
	scripts/dist-macos.sh

screenshots:
	scripts/screenshots.sh

run: deps-run
	$(GO) run ./cmd/seguritools

test: deps-test lint
	scripts/postgres-test.sh env CGO_ENABLED=0 $(GO) test -count=1 -timeout 20m $$($(GO) list ./... | grep -v -e /ui -e /cmd/seguritools)
	# The issuing CA's key in a PKCS#11 token needs cgo (app/hsm): its tests,
	# and the refca binary they build, with CGO_ENABLED=1 and SoftHSM2.
	scripts/softhsm-test.sh env CGO_ENABLED=1 $(GO) test -count=1 -timeout 10m -run 'PKCS11|HSM' ./app/hsm ./cmd/refca
	$(GO) test -race -count=1 -tags ci -timeout 20m ./ui/... ./cmd/seguritools/...
	scripts/fuzz-smoke.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags ci ./...
	CGO_ENABLED=0 $(GO) build ./cmd/npiectl ./cmd/refca ./app/... ./crypto/...
	GOOS=windows CGO_ENABLED=0 $(GO) vet ./internal/... ./app/... ./cmd/npiectl ./cmd/refca ./crypto/...
	GOOS=darwin CGO_ENABLED=0 $(GO) vet ./internal/... ./app/... ./cmd/npiectl ./cmd/refca ./crypto/...

# Benchmarks beside OpenSSL, then refca's durable issuances measured from a
# separate process (scripts/bench-refca.sh); BENCH=refca make bench runs
# only the latter. Figures: docs/PERFORMANCE.md.
bench: deps-test
	scripts/bench.sh

fuzz:
	FUZZTIME=$${FUZZTIME:-1m} scripts/fuzz-smoke.sh

deps-run:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test
