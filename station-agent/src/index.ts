/** @onewindow/station-agent: the device host of one station (see README.md beside src/). */
export {};
