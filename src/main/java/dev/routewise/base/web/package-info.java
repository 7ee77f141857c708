/** The REST API's shared error format (RFC 9457 problem details). */
package dev.routewise.base.web;
