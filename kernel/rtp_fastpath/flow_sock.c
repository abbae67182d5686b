// SPDX-License-Identifier: GPL-2.0
/*
 * Handing a socket over, as gtp does: the daemon creates and binds a UDP
 * socket (it owns ports, NAT and STUN) and passes its fd in flow-new. We
 * attach with the UDP tunnel API, so every datagram for the socket comes to
 * vo_flow_encap_rcv() first: the flow's RTP is consumed, anything else goes
 * on to the socket unchanged. Closing the socket ends the flow.
 */
#include <linux/file.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "flow.h"

/* Softirq, under rcu_read_lock(): 0 if consumed, 1 for the socket. */
static int vo_flow_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct vo_flow *flow = rcu_dereference_sk_user_data(sk);

	if (!flow)
		return 1;
	return vo_rtp_rx(flow, skb);
}

/* Take the flow back from a socket; true if it still had it. */
static bool vo_flow_sock_release(struct sock *sk, struct vo_flow *flow)
{
	bool had;

	lock_sock(sk);
	rcu_read_lock();
	had = rcu_dereference_sk_user_data(sk) == flow;
	rcu_read_unlock();
	if (had) {
		udp_sk(sk)->encap_type = 0;
		rcu_assign_sk_user_data(sk, NULL);
	}
	release_sock(sk);
	return had;
}

/* The socket is being destroyed: the last close of its file. */
static void vo_flow_encap_destroy(struct sock *sk)
{
	struct vo_flow *flow;

	rcu_read_lock();
	flow = rcu_dereference_sk_user_data(sk);
	rcu_read_unlock();
	/* The socket's reference goes to the work that ends the flow. */
	if (flow && vo_flow_sock_release(sk, flow))
		vo_flow_closed(flow);
}

static int vo_flow_sock_check(struct sock *sk, const struct vo_flow_cfg *cfg,
			      struct netlink_ext_ack *extack)
{
	if (sk->sk_type != SOCK_DGRAM || sk->sk_protocol != IPPROTO_UDP ||
	    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6)) {
		NL_SET_ERR_MSG(extack, "fd is not a UDP socket");
		return -EPROTOTYPE;
	}
	if (!inet_sk(sk)->inet_num) {
		NL_SET_ERR_MSG(extack, "the socket is not bound to a port");
		return -EDESTADDRREQ;
	}
	if (sk->sk_family != cfg->remote.family) {
		NL_SET_ERR_MSG(extack, "the remote address is not of the socket's family");
		return -EAFNOSUPPORT;
	}
	return 0;
}

int vo_flow_sock_attach(struct vo_flow *flow, int fd,
			struct netlink_ext_ack *extack)
{
	struct udp_tunnel_sock_cfg tun = {
		.sk_user_data = flow,
		.encap_type = 1,
		.encap_rcv = vo_flow_encap_rcv,
		.encap_destroy = vo_flow_encap_destroy,
	};
	struct socket *sock;
	struct sock *sk;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock) {
		NL_SET_ERR_MSG(extack, "fd is not an open socket");
		return err;
	}
	sk = sock->sk;
	err = vo_flow_sock_check(sk, &flow->cfg, extack);
	if (err)
		goto out;
	lock_sock(sk);
	if (sk->sk_user_data || udp_sk(sk)->encap_type) {
		release_sock(sk);
		NL_SET_ERR_MSG(extack, "the socket is already taken by a flow or tunnel");
		err = -EBUSY;
		goto out;
	}
	sock_hold(sk);
	flow->sk = sk;
	refcount_inc(&flow->ref);	/* the socket's */
	setup_udp_tunnel_sock(sock_net(sk), sock, &tun);
	release_sock(sk);
out:
	sockfd_put(sock);
	return err;
}

/* The socket becomes an ordinary socket again (if still open). */
void vo_flow_sock_detach(struct vo_flow *flow)
{
	struct sock *sk = flow->sk;

	if (vo_flow_sock_release(sk, flow))
		vo_flow_put(flow);	/* the socket's reference */
	sock_put(sk);
	flow->sk = NULL;
}
