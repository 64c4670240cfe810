# The two commands of the README: `make demo` and `make test`. Everything else is a step of them.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
KG := $(BUILD_DIR)/app/kg
DB ?= ./kg-data
CMAKE_FLAGS ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DKG_WERROR=ON
endif

.PHONY: all deps configure build test demo bench clean

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

demo: build
	@./scripts/demo.sh $(KG) $(DB)

bench: build
	@./bench/run.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
