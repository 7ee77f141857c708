/** The console's shell: main layout with navigation from the views' menu entries, and the global error handler. */
package dev.routewise.base.ui;
