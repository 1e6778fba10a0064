#include <iostream>

#include "heatlift/cli/app.hpp"

int main(int argc, char** argv) {
  return heatlift::cli::run(argc, argv, std::cout, std::cerr);
}
