#!/usr/bin/env bash
# What the tests need beyond the .NET SDK, installed only when missing.

install_test_prerequisites() {
  : # Nothing yet beyond the .NET SDK: database servers arrive with the engines.
}
