// Test fixture, never compiled: a core header that reaches up into fluids. The
// layering test runs the include checker on this folder and expects it to fail.
#pragma once
#include "heatlift/fluids/fluid.hpp"
