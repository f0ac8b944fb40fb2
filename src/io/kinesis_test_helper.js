// The Kinesis tests' other side (src/io/kinesis_test.sh and
// kinesis_sink_test.sh): kinesalite, the Kinesis API implementation the
// tests read from and write to, started on a loopback port, and a client of
// it that creates and deletes streams, puts records (plain or aggregated as
// the Kinesis Producer Library does), reads them, splits and merges shards.
// Also a listener that checks the SigV4 signature eddy sends against the
// npm package aws4, an independent implementation, and a proxy that refuses
// some records of PutRecords calls as a throttled shard does.
// Needs NODE_PATH to hold kinesalite and aws4. Loopback only.
'use strict'
const http = require('http')
const crypto = require('crypto')
const fs = require('fs')
const aws4 = require('aws4')

const creds = {accessKeyId: 'AKIDTESTHELPER', secretAccessKey: 'helper-secret'}
const args = process.argv.slice(2)
const cmd = args.shift()

function call(endpoint, action, body) {
  const u = new URL(endpoint)
  const opts = aws4.sign({
    host: u.hostname, port: u.port, path: '/', method: 'POST', service: 'kinesis', region: 'us-east-1',
    headers: {'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Kinesis_20131202.' + action},
    body: JSON.stringify(body),
  }, creds)
  return new Promise((resolve, reject) => {
    const req = http.request(opts, res => {
      let text = ''
      res.on('data', d => { text += d })
      res.on('end', () => {
        const reply = text ? JSON.parse(text) : {}
        if (res.statusCode != 200) reject(new Error(action + ': ' + text))
        else resolve(reply)
      })
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

const sleep = ms => new Promise(r => setTimeout(r, ms))

async function waitActive(endpoint, stream) {
  for (let i = 0; i < 100; i++) {
    const d = await call(endpoint, 'DescribeStreamSummary', {StreamName: stream})
    if (d.StreamDescriptionSummary.StreamStatus == 'ACTIVE') return
    await sleep(50)
  }
  throw new Error('stream ' + stream + ' never became ACTIVE')
}

// A record's bytes from a line: "hex:..." is raw bytes, else the line itself.
function bytesOf(line) {
  return line.startsWith('hex:') ? Buffer.from(line.slice(4), 'hex') : Buffer.from(line)
}

// The partition key of a line: its "k" field when it is JSON with one.
function keyOf(line, i) {
  try { const o = JSON.parse(line); if (o && o.k != null) return String(o.k) } catch (e) {}
  return 'p' + i
}

function readLines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(l => l.length)
}

async function putRecords(endpoint, stream, records) {
  for (let i = 0; i < records.length; i += 500) {
    let batch = records.slice(i, i + 500)
    // in order per key: retry only what failed, as a producer does
    while (batch.length) {
      const r = await call(endpoint, 'PutRecords', {StreamName: stream, Records: batch})
      batch = batch.filter((_, j) => r.Records[j].ErrorCode)
      if (batch.length) await sleep(50)
    }
  }
}

// KPL's protobuf: AggregatedRecord {1: partition_key_table, 3: records},
// Record {1: partition_key_index, 3: data}; then the MD5 of the message.
function varint(n) {
  const out = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Buffer.from(out)
}
function field(num, bytes) { return Buffer.concat([varint(num * 8 + 2), varint(bytes.length), bytes]) }
function aggregate(lines, first) {
  const keys = [], parts = []
  lines.forEach((l, i) => {
    const k = keyOf(l, first + i)
    if (!keys.includes(k)) keys.push(k)
  })
  keys.forEach(k => parts.push(field(1, Buffer.from(k))))
  lines.forEach((l, i) => {
    const rec = Buffer.concat([varint(1 * 8), varint(keys.indexOf(keyOf(l, first + i))), field(3, bytesOf(l))])
    parts.push(field(3, rec))
  })
  const body = Buffer.concat(parts)
  const md5 = crypto.createHash('md5').update(body).digest()
  return Buffer.concat([Buffer.from([0xf3, 0x89, 0x9a, 0xc2]), body, md5])
}

async function shards(endpoint, stream) {
  return (await call(endpoint, 'ListShards', {StreamName: stream})).Shards
}

// The listener eddy signs a request for: aws4 signs the same request
// (method, path, the headers eddy signed, body, date, credentials from
// the environment); the result goes to outFile, and eddy gets an error.
function sigv4Listener(portFile, outFile) {
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', d => { body += d })
    req.on('end', () => {
      const auth = req.headers.authorization || ''
      const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=/.exec(auth)
      let verdict
      if (!m) {
        verdict = 'no SigV4 Authorization header: ' + auth
      } else {
        const signed = m[3].split(';')
        const headers = {}
        for (const h of signed) headers[h] = req.headers[h]
        const need = ['content-type', 'host', 'x-amz-date', 'x-amz-target']
        if (process.env.AWS_SESSION_TOKEN) need.push('x-amz-security-token')
        const missing = need.filter(h => !signed.includes(h))
        const signer = new aws4.RequestSigner({
          host: req.headers.host, path: req.url, method: req.method, service: m[2], region: m[1], headers, body,
          doNotModifyHeaders: true,
        }, {accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
            sessionToken: process.env.AWS_SESSION_TOKEN})
        // the request's own time: with doNotModifyHeaders aws4 would sign with
        // the time it checks at, one second on when eddy signed at a second's end
        signer.datetime = req.headers['x-amz-date']
        const mine = signer.sign()
        const theirs = auth, ours = mine.headers.Authorization
        verdict = missing.length ? 'unsigned headers: ' + missing.join(' ')
          : theirs == ours ? 'match ' + m[1] + ' ' + m[2] + ' ' + signed.join(';')
          : 'mismatch:\n eddy: ' + theirs + '\n aws4: ' + ours
        if ((req.headers['x-amz-security-token'] || '') != (process.env.AWS_SESSION_TOKEN || '')) verdict = 'wrong session token header'
      }
      fs.writeFileSync(outFile, verdict + '\n')
      res.writeHead(400, {'Content-Type': 'application/x-amz-json-1.1'})
      res.end(JSON.stringify({__type: 'ResourceNotFoundException', message: 'checked by the SigV4 listener'}))
    })
  })
  server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)))
}

// A proxy to kinesalite that refuses records of PutRecords calls one by one
// (ProvisionedThroughputExceededException), as Kinesis does for a shard
// over its limits: in the first `calls` calls, each record with chance
// `rate`. The refused records are not passed on; the others are, and the
// answer has every record's result in order. Other calls pass unchanged.
function forward(target, headers, body) {
  const t = new URL(target)
  return new Promise((resolve, reject) => {
    const req = http.request({host: t.hostname, port: t.port, path: '/', method: 'POST',
      headers: Object.assign({}, headers, {'content-length': Buffer.byteLength(body), host: t.host})}, res => {
      let text = ''
      res.on('data', d => { text += d })
      res.on('end', () => resolve({status: res.statusCode, type: res.headers['content-type'], text}))
    })
    req.on('error', reject)
    req.end(body)
  })
}
function throttleProxy(portFile, target, seed, rate, calls) {
  let rng = seed, made = 0
  const rand = () => { rng = (rng * 1103515245 + 12345) % 2147483648; return rng / 2147483648 }
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', d => { body += d })
    req.on('end', async () => {
      try {
        let out
        if (/PutRecords$/.test(req.headers['x-amz-target'] || '') && made++ < calls) {
          const b = JSON.parse(body)
          const refused = b.Records.map(() => rand() < rate)
          const kept = b.Records.filter((_, i) => !refused[i])
          const answer = kept.length ? await call(target, 'PutRecords', {StreamName: b.StreamName, Records: kept}) : {Records: []}
          let j = 0
          const results = refused.map(r => r ? {ErrorCode: 'ProvisionedThroughputExceededException',
            ErrorMessage: 'Rate exceeded for shard (refused by the test proxy)'} : answer.Records[j++])
          out = {status: 200, type: 'application/x-amz-json-1.1',
                 text: JSON.stringify({FailedRecordCount: results.filter(r => r.ErrorCode).length, Records: results})}
        } else {
          out = await forward(target, req.headers, body)
        }
        res.writeHead(out.status, {'Content-Type': out.type || 'application/x-amz-json-1.1'})
        res.end(out.text)
      } catch (e) {
        res.writeHead(500)
        res.end(JSON.stringify({__type: 'InternalFailure', message: String(e)}))
      }
    })
  })
  server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)))
}

async function main() {
  if (cmd == 'serve') {
    // serve PORTFILE [PORT] [DBPATH]: kinesalite on 127.0.0.1 (port 0: any free one)
    const opts = {createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100}
    if (args[2]) opts.path = args[2]
    const server = require('kinesalite')(opts)
    server.listen(+(args[1] || 0), '127.0.0.1', () => fs.writeFileSync(args[0], String(server.address().port)))
    process.on('SIGTERM', () => process.exit(0))
    // kinesalite throws from a request's 'error' event, and node raises one
    // when a client goes away in the middle of sending its body: a test that
    // kills eddy (SIGKILL) mid-PutRecords would stop kinesalite with it. A
    // real Kinesis drops such a request; so does this one, saying so in the
    // server's log. Any other exception still ends the server.
    process.on('uncaughtException', e => {
      if (e && (e.code == 'ECONNRESET' || e.message == 'aborted')) {
        console.error('kinesalite: a request was cut off by its client: ' + e.message)
        return
      }
      console.error(e)
      process.exit(70)
    })
    return
  }
  if (cmd == 'sigv4') return sigv4Listener(args[0], args[1])
  // throttle PORTFILE TARGET SEED RATE CALLS (see throttleProxy)
  if (cmd == 'throttle') return throttleProxy(args[0], args[1], +args[2], +args[3], +args[4])
  const [endpoint, stream] = args
  if (cmd == 'create') {
    await call(endpoint, 'CreateStream', {StreamName: stream, ShardCount: +args[2]})
    await waitActive(endpoint, stream)
  } else if (cmd == 'put') {
    // put ENDPOINT STREAM FILE [FIRST]: each line a record, keyed by its "k"
    const first = +(args[3] || 0)
    await putRecords(endpoint, stream, readLines(args[2]).map((l, i) => ({
      PartitionKey: keyOf(l, first + i), Data: bytesOf(l).toString('base64')})))
  } else if (cmd == 'put-kpl') {
    // put-kpl ENDPOINT STREAM FILE N: the lines in aggregates of N
    const lines = readLines(args[2]), n = +args[3], recs = []
    for (let i = 0; i < lines.length; i += n) {
      const part = lines.slice(i, i + n)
      recs.push({PartitionKey: keyOf(part[0], i), Data: aggregate(part, i).toString('base64')})
    }
    await putRecords(endpoint, stream, recs)
  } else if (cmd == 'read') {
    // read ENDPOINT STREAM [data]: every record, shard by shard in sequence
    // order, one JSON line each: {"shard", "key" (its partition key), "data"
    // (as text)}; with "data", only each record's data, a newline after it
    // unless it ends with one
    for (const sh of await shards(endpoint, stream)) {
      let it = (await call(endpoint, 'GetShardIterator', {StreamName: stream, ShardId: sh.ShardId,
        ShardIteratorType: 'TRIM_HORIZON'})).ShardIterator
      while (it) {
        const r = await call(endpoint, 'GetRecords', {ShardIterator: it, Limit: 10000})
        for (const rec of r.Records) {
          const data = Buffer.from(rec.Data, 'base64').toString()
          if (args[2] == 'data') process.stdout.write(data.endsWith('\n') ? data : data + '\n')
          else console.log(JSON.stringify({shard: sh.ShardId, key: rec.PartitionKey, data}))
        }
        if (!r.Records.length && r.MillisBehindLatest == 0) break
        it = r.NextShardIterator
      }
    }
  } else if (cmd == 'delete') {
    await call(endpoint, 'DeleteStream', {StreamName: stream})
  } else if (cmd == 'shards') {
    for (const s of await shards(endpoint, stream))
      console.log(s.ShardId, s.SequenceNumberRange.EndingSequenceNumber ? 'closed' : 'open',
        s.HashKeyRange.StartingHashKey, s.HashKeyRange.EndingHashKey)
  } else if (cmd == 'split') {
    // split ENDPOINT STREAM SHARD: at the middle of its hash key range
    const s = (await shards(endpoint, stream)).find(x => x.ShardId == args[2])
    const mid = (BigInt(s.HashKeyRange.StartingHashKey) + BigInt(s.HashKeyRange.EndingHashKey)) / 2n
    await call(endpoint, 'SplitShard', {StreamName: stream, ShardToSplit: args[2], NewStartingHashKey: mid.toString()})
    await waitActive(endpoint, stream)
  } else if (cmd == 'merge') {
    await call(endpoint, 'MergeShards', {StreamName: stream, ShardToMerge: args[2], AdjacentShardToMerge: args[3]})
    await waitActive(endpoint, stream)
  } else {
    throw new Error('unknown command ' + cmd)
  }
}

main().catch(e => { console.error('kinesis_test_helper: ' + e.message); process.exit(1) })
