# Convenience targets; each calls a script in scripts/ that does its own set-up.
.PHONY: demo test bench asan format
demo:
	scripts/demo
test:
	scripts/test
bench:
	scripts/bench
asan:
	scripts/bootstrap && cmake --preset asan && cmake --build --preset asan && ctest --preset asan
format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
