package io.nvo3.controller.model;

/** A model value with the store mod revision of its key. */
record Versioned<T>(T value, long modRevision) {}
