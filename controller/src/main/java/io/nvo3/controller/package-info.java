/** nvo3 controller. */
package io.nvo3.controller;
