/**
 * Who may do what: team members with hashed passwords and roles, API keys stored as hashes,
 * login throttling, both security filter chains (console and REST), and the audit log.
 */
package dev.routewise.security;
