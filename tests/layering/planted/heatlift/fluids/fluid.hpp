// Test fixture, never compiled: a legitimate downward include.
#pragma once
#include "heatlift/core/error.hpp"
