"""Pass/fail counting for the Python test scripts: check() each expectation, then finish()."""
import sys

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
