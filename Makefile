# Two commands do everything on a fresh Debian machine:
#   make site   builds the book into site/
#   make test   runs every test (every lesson is one)
# Both install the Debian packages they need when they are missing.

SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config libopenblas-dev libcmark-gfm-dev libcmark-gfm-extensions-dev gettext
# The tests also validate every page (tidy) and drive the site in headless Chromium.
TEST_PACKAGES := tidy curl chromium chromium-driver fonts-nanum
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The tests run OpenBLAS as lesson processes do: one thread and, on x86-64, the Haswell
# kernels, so products sum in the same order on every x86-64 machine with AVX2 and the
# oracle tolerances hold whatever kernel the CPU would pick (AVX-512 ones sum differently).
TEST_ENV := OPENBLAS_NUM_THREADS=1 $(if $(filter x86_64,$(shell uname -m)),OPENBLAS_CORETYPE=Haswell)

.PHONY: site test check build deps

site: build
	.build/release/mantissa build

check: build
	.build/release/mantissa check

test: build
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(TEST_PACKAGES)"
	$(TEST_ENV) $(SWIFT) test -c release --disable-testable-imports

build: deps
	$(SWIFT) build -c release

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
