package s3

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	cryptorand "crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"go/build"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
)

// versitygwInstall is the command that installs the server these tests need.
const versitygwInstall = "go install github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// TestReferenceUploadVersitygw runs the reference upload against versitygw,
// a real S3 server, over HTTP and over HTTPS, and then checks on the same
// server that a source failing mid-upload leaves no object and no
// multipart upload behind.
func TestReferenceUploadVersitygw(t *testing.T) {
	bin := versitygwBin(t)
	for _, secure := range []bool{false, true} {
		name := map[bool]string{false: "http", true: "https"}[secure]
		t.Run(name, func(t *testing.T) {
			s := startVersitygw(t, bin, secure)
			referenceUpload(t, s)

			const size = 2*partSize + 99
			src := newFakeSource(testData(size, 16))
			src.failAt, src.failErr = partSize+4321, errBody
			r := New(src.open, size)
			err := s.upload(boundedContext(t), r, size, "failed.bin")
			if !errors.Is(err, errBody) {
				t.Errorf("upload from a failing source: err = %v, want one wrapping %v",
					err, errBody)
			}
			s.checkNoCopy(t, "failed.bin")
			r.Close()
			src.checkClean(t)
		})
	}
}

// versitygwBin returns the path of the versitygw binary, looked up on PATH
// and then in each GOPATH's bin folder, or skips the test (fails it if
// READERATCHECK_REQUIRE_VERSITYGW=1).
func versitygwBin(t *testing.T) string {
	if path, err := exec.LookPath("versitygw"); err == nil {
		return path
	}
	gopath := build.Default.GOPATH
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		gopath = strings.TrimSpace(string(out))
	}
	for _, dir := range filepath.SplitList(gopath) {
		path := filepath.Join(dir, "bin", "versitygw")
		if info, err := os.Stat(path); err == nil && !info.IsDir() {
			return path
		}
	}
	msg := "versitygw not found on PATH or in $(go env GOPATH)/bin; install it with: " +
		versitygwInstall
	if os.Getenv("READERATCHECK_REQUIRE_VERSITYGW") == "1" {
		// CI installs versitygw: a missing binary is a failure there.
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// startVersitygw runs versitygw on a loopback port with the posix backend
// on a temporary folder, optionally with TLS and a certificate made for
// the test, and stops it when the test ends.
func startVersitygw(t *testing.T, bin string, secure bool) *server {
	dir := t.TempDir()
	root := filepath.Join(dir, "gw")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}

	// Build the command line; the environment holds only what it needs, so
	// no VGW_ variable of the caller's can change how it listens.
	addr := freeLoopbackAddr(t)
	args := []string{"--port", addr, "--quiet"}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	scheme := "http"
	if secure {
		certFile, keyFile, pool := writeCert(t, dir)
		args = append(args, "--cert", certFile, "--key", keyFile)
		transport.TLSClientConfig = &tls.Config{RootCAs: pool}
		scheme = "https"
	}
	args = append(args, "posix", root)
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir,
		"ROOT_ACCESS_KEY=" + testKeyID, "ROOT_SECRET_KEY=" + testKeyPW}
	logFile, err := os.Create(filepath.Join(dir, "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	dieWithParent(cmd)

	// Start it, and stop it at the end whatever happens.
	if err := cmd.Start(); err != nil {
		t.Fatalf("start versitygw: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	client, tr := newClient(scheme+"://"+addr, &http.Client{Transport: transport})
	s := &server{client: client, traffic: tr}
	s.stop = sync.OnceFunc(func() {
		transport.CloseIdleConnections()
		stopProcess(t, cmd, exited)
		logFile.Close()
	})
	t.Cleanup(s.stop)

	// Wait until it answers, then make the buckets.
	waitReady(t, s, exited, filepath.Join(dir, "versitygw.log"))
	for _, b := range []string{srcBucket, dstBucket} {
		_, err := client.CreateBucket(boundedContext(t), &s3sdk.CreateBucketInput{
			Bucket: aws.String(b),
		})
		if err != nil {
			t.Fatalf("create bucket %s: %v", b, err)
		}
	}
	s.seed = func(t testing.TB, data []byte) {
		_, err := client.PutObject(boundedContext(t), &s3sdk.PutObjectInput{
			Bucket: aws.String(srcBucket),
			Key:    aws.String(srcKey),
			Body:   bytes.NewReader(data),
		})
		if err != nil {
			t.Fatalf("seed %s: %v", srcKey, err)
		}
	}
	return s
}

// freeLoopbackAddr returns a 127.0.0.1 address with a port that was free a
// moment ago.
func freeLoopbackAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitReady polls the server with ListBuckets for up to 30 seconds, failing
// early, with the server's log, if the process exits.
func waitReady(t *testing.T, s *server, exited chan error, logPath string) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := s.client.ListBuckets(ctx, &s3sdk.ListBucketsInput{})
		cancel()
		if err == nil {
			return
		}
		select {
		case werr := <-exited:
			exited <- werr
			log, _ := os.ReadFile(logPath)
			t.Fatalf("versitygw exited (%v) before answering:\n%s", werr, log)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("versitygw did not answer within 30s: %v\n%s", err, log)
		}
	}
}

// stopProcess asks the server to stop, then kills it after five seconds,
// and waits until it has exited.
func stopProcess(t *testing.T, cmd *exec.Cmd, exited chan error) {
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Logf("signalling versitygw: %v", err)
	}
	select {
	case err := <-exited:
		logExit(t, err)
		return
	case <-time.After(5 * time.Second):
	}
	t.Logf("versitygw ignored SIGTERM for 5s; killing it")
	if err := cmd.Process.Kill(); err != nil {
		t.Logf("killing versitygw: %v", err)
	}
	logExit(t, <-exited)
}

// logExit notes how a stopped server exited; a signal's exit status is
// expected, so it is not a failure.
func logExit(t *testing.T, err error) {
	if err != nil {
		t.Logf("versitygw exited: %v", err)
	}
}

// writeCert makes a self-signed certificate for 127.0.0.1 valid for one
// hour, writes it and its key to dir, and returns their paths and a pool
// that trusts it.
func writeCert(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), cryptorand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "readeratcheck test server"},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(cryptorand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}

	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "PRIVATE KEY", keyDER)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// writePEM writes one PEM block to path, readable by its owner only.
func writePEM(t *testing.T, path, kind string, der []byte) {
	data := pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
