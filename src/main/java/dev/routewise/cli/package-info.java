/**
 * The command-line client ({@code routewise router ...}, {@code routewise model ...}): a plain
 * Java client of the REST API in ../shared/API.md, run from the same jar without starting Spring.
 * Exit codes: 0 ok, 2 usage, 3 authentication or role, 4 request rejected, 5 server unreachable or failing.
 */
package dev.routewise.cli;
