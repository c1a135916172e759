package mongotest

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// claimRace lets n clients race to claim one free seat with a conditional findOneAndUpdate, the
// engine's basic move, and returns how many believed they won.
func claimRace(t *testing.T, uri string, n int) int {
	t.Helper()
	ctx := context.Background()
	c, err := mongo.Connect(ctx, options.Client().ApplyURI(uri).SetMaxPoolSize(uint64(n)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Disconnect(ctx) }()
	coll := c.Database(FreshDatabase(t, uri)).Collection("seats")
	if _, err := coll.InsertOne(ctx, bson.M{"_id": "seat", "free": true}); err != nil {
		t.Fatal(err)
	}
	var won atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			err := coll.FindOneAndUpdate(ctx, bson.M{"_id": "seat", "free": true},
				bson.M{"$set": bson.M{"free": false}}).Err()
			switch {
			case err == nil:
				won.Add(1)
			case !errors.Is(err, mongo.ErrNoDocuments):
				t.Errorf("claim: %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	return int(won.Load())
}

// TestProxyMakesConditionalUpdatesAtomic: straight to FerretDB, all 16 clients claimed the seat
// in a trial run (2026-12-06); through the proxy exactly one must.
func TestProxyMakesConditionalUpdatesAtomic(t *testing.T) {
	u := URI(t)
	for round := range 5 {
		if won := claimRace(t, u, 16); won != 1 {
			t.Fatalf("round %d: %d clients claimed the one seat through the proxy, want 1", round, won)
		}
	}
}

func TestReadMessage(t *testing.T) {
	msg := make([]byte, 21)
	binary.LittleEndian.PutUint32(msg, 21)
	got, err := readMessage(bytes.NewReader(append(msg, 'x')))
	if err != nil || len(got) != 21 {
		t.Fatalf("readMessage = %d bytes, %v; want the 21 of the message and no more", len(got), err)
	}
	for _, n := range []uint32{0, 15, maxMessage + 1, 1 << 31} {
		bad := make([]byte, 16)
		binary.LittleEndian.PutUint32(bad, n)
		if _, err := readMessage(bytes.NewReader(bad)); err == nil {
			t.Errorf("length %d accepted", n)
		}
	}
	if _, err := readMessage(bytes.NewReader(msg[:20])); err == nil {
		t.Error("a message cut short was accepted")
	}
}

func TestReadOnly(t *testing.T) {
	msg := func(opcode uint32, cmd bson.D) []byte {
		doc, err := bson.Marshal(cmd)
		if err != nil {
			t.Fatal(err)
		}
		m := make([]byte, headerLen+4+1)
		binary.LittleEndian.PutUint32(m[12:16], opcode)
		m = append(m, doc...)
		binary.LittleEndian.PutUint32(m[:4], uint32(len(m)))
		return m
	}
	for _, tc := range []struct {
		msg  []byte
		want bool
	}{
		{msg(opMsg, bson.D{{Key: "find", Value: "events"}, {Key: "$db", Value: "t"}}), true},
		{msg(opMsg, bson.D{{Key: "aggregate", Value: "registrations"}}), true},
		{msg(opMsg, bson.D{{Key: "hello", Value: 1}}), true},
		{msg(opMsg, bson.D{{Key: "findAndModify", Value: "events"}}), false},
		{msg(opMsg, bson.D{{Key: "update", Value: "events"}}), false},
		{msg(opMsg, bson.D{{Key: "insert", Value: "find"}}), false},
		{msg(2004, bson.D{{Key: "find", Value: "events"}}), false}, // OP_QUERY: not understood, runs alone
		{msg(opMsg, bson.D{}), false},
		{make([]byte, 10), false},
	} {
		if got := readOnly(tc.msg); got != tc.want {
			t.Errorf("readOnly(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}
