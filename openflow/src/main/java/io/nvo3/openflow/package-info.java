/** nvo3 openflow. */
package io.nvo3.openflow;
