#!/bin/sh
echo setup > /var/tmp/setup-ran
