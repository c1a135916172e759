package mongotest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"sync"
)

// serialProxy stands between the tests and FerretDB and lets one writing command through at a
// time.
//
// FerretDB v1 runs a conditional update as a read followed by a write, so two racing
// findOneAndUpdate calls can both see the old document: the fixture is not atomic where MongoDB
// is. Running every write alone, start to finish, gives back the single-document atomicity
// MongoDB promises (and more), which is all the Mongo engine relies on; reads may overlap. With
// it the concurrency suites can run on the fixture and exercise the engine's retry and undo
// paths.
//
// The proxy knows little of the MongoDB wire protocol (the header, and where a command's name
// is): it relays whole
// messages and assumes one reply to each request, which is how FerretDB v1 answers (it has
// neither exhaust cursors nor awaitable hello, and the driver sends no fire-and-forget writes
// unless asked for w:0, which the product never does).
type serialProxy struct {
	upstream string
	ln       net.Listener
	// mu is held from sending a request upstream to having read its whole reply: shared by
	// commands that only read, exclusive for every other command. A read running beside a
	// write sees the document before or after it, as on MongoDB; two writes never overlap.
	mu sync.RWMutex
}

// startSerialProxy listens on a free local port and relays to upstream ("host:port").
func startSerialProxy(upstream string) (*serialProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &serialProxy{upstream: upstream, ln: ln}
	go p.accept()
	return p, nil
}

func (p *serialProxy) addr() string { return p.ln.Addr().String() }

func (p *serialProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // the listener is closed only when the test binary exits
		}
		go p.serve(c)
	}
}

// serve gives the client connection its own upstream connection, so cursors and other
// per-connection state stay where FerretDB expects them; only the commands are serialised.
func (p *serialProxy) serve(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	for {
		req, err := readMessage(client)
		if err != nil {
			return // the driver closed the connection (or sent garbage, which FerretDB would refuse)
		}
		reply, err := p.roundTrip(server, req)
		if err != nil {
			return
		}
		if _, err := client.Write(reply); err != nil {
			return
		}
	}
}

func (p *serialProxy) roundTrip(server net.Conn, req []byte) ([]byte, error) {
	if readOnly(req) {
		p.mu.RLock()
		defer p.mu.RUnlock()
	} else {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
	if _, err := server.Write(req); err != nil {
		return nil, err
	}
	return readMessage(server)
}

// readCommands only read; every other command (and anything not understood) runs alone.
var readCommands = map[string]bool{
	"find": true, "getMore": true, "aggregate": true, "count": true, "distinct": true,
	"listCollections": true, "listIndexes": true, "listDatabases": true,
	"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true,
}

// opMsg is the opcode of OP_MSG, the message every command of a modern driver travels in.
const opMsg = 2013

// readOnly reports whether req is an OP_MSG whose command only reads. The command's name is the
// first key of the body: the section of kind 0 that follows the header and the flag bits. The
// product's aggregations never write ($out and $merge are not used; docs/contract.md §Storage).
func readOnly(req []byte) bool {
	const body = headerLen + 4 // the flag bits
	if len(req) < body+1+4+2 || binary.LittleEndian.Uint32(req[12:16]) != opMsg || req[body] != 0 {
		return false
	}
	name := req[body+1+4+1:] // section kind, document length, first element's type
	end := bytes.IndexByte(name, 0)
	return end > 0 && readCommands[string(name[:end])]
}

// headerLen is the size of the standard message header: messageLength, requestID, responseTo
// and opCode, each a little-endian int32.
const headerLen = 16

// maxMessage bounds what the proxy will buffer; MongoDB's own limit is 48 MB.
const maxMessage = 48 << 20

// readMessage reads one whole wire message, header included.
func readMessage(r io.Reader) ([]byte, error) {
	var h [headerLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(h[:4])))
	if n < headerLen || n > maxMessage {
		return nil, fmt.Errorf("wire message of %d bytes", n)
	}
	msg := make([]byte, n)
	copy(msg, h[:])
	if _, err := io.ReadFull(r, msg[headerLen:]); err != nil {
		return nil, err
	}
	return msg, nil
}
