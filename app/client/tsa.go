package client

import "net/http"

// URLTSA is the server's RFC 3161 time-stamp authority.
func (c *Client) URLTSA() string { return c.base + "/tsa" }

// HTTP returns the plain HTTP client under c: the same pinned roots,
// transport and timeout, for protocols that are not refca's JSON API
// (RFC 3161 time stamps).
func (c *Client) HTTP() *http.Client { return c.r.GetClient() }
