package org.odcmigrate.o11;

/**
 * Where an entity's rows are: its table's name, the name qualified for its catalog when it is in a
 * module's own database, and the columns of the database that holds it.
 */
record PhysicalTable(String name, String qualified, PlatformSchema columns) {}
