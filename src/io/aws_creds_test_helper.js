// The other side of the AWS credential checks (src/io/aws_creds_test.sh),
// on one loopback port: the endpoints eddy fetches credentials from, built
// from their published protocols (no real one can run on loopback), and a
// proxy to kinesalite that records which credentials signed each Kinesis
// request.
//   IMDSv2:    PUT /latest/api/token, then GET /latest/meta-data/iam/security-credentials/[ROLE]
//              with the session token (a GET without one is refused, as IMDSv2-only instances do)
//   container: GET /container/creds (the Authorization header must equal CONTAINER_AUTH when set)
//   STS:       POST / with Action=AssumeRoleWithWebIdentity (the token must equal WEB_TOKEN) or
//              Action=AssumeRole (SigV4-signed with SOURCE_KEY_ID / SOURCE_SECRET, checked with aws4)
//   proxy:     any request with X-Amz-Target goes on to kinesalite at TARGET; a line
//              "KEYID TOKEN" is appended to LOG for each one
// Every answer's credentials are new: KIND-N as the key id, expiring TTL
// seconds after they are issued. FAIL_AFTER=n: after n credentials, the
// credential endpoints answer 500. Usage: node aws_creds_test_helper.js
// PORTFILE TARGET LOG (settings in the environment). Needs NODE_PATH with aws4.
'use strict'
const http = require('http')
const fs = require('fs')
const aws4 = require('aws4')

const [portFile, target, log] = process.argv.slice(2)
const ttl = +(process.env.TTL || 3600)
const failAfter = process.env.FAIL_AFTER ? +process.env.FAIL_AFTER : Infinity
let issued = 0
const tokens = new Set()

function creds(kind) {
  issued++
  return {
    AccessKeyId: `ASIA${kind}${issued}`,
    SecretAccessKey: `${kind.toLowerCase()}-secret-${issued}-never-shown`,
    Token: `${kind.toLowerCase()}-token-${issued}-never-shown`,
    Expiration: new Date(Date.now() + ttl * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
  }
}

function forward(req, body, res) {
  const t = new URL(target)
  const out = http.request({host: t.hostname, port: t.port, path: req.url, method: req.method,
    headers: Object.assign({}, req.headers, {host: t.host})}, r => {
    res.writeHead(r.statusCode, r.headers)
    r.pipe(res)
  })
  out.on('error', e => { res.writeHead(502); res.end(String(e)) })
  out.end(body)
}

function xml(action, c) {
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials>` +
    `<AccessKeyId>${c.AccessKeyId}</AccessKeyId><SecretAccessKey>${c.SecretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${c.Token}</SessionToken><Expiration>${c.Expiration}</Expiration></Credentials>` +
    `</${action}Result></${action}Response>`
}

function stsError(res, code, message) {
  res.writeHead(403, {'Content-Type': 'text/xml'})
  res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`)
}

function sts(req, body, res) {
  const form = new URLSearchParams(body)
  const action = form.get('Action')
  if (action == 'AssumeRoleWithWebIdentity') {
    if (form.get('WebIdentityToken') != process.env.WEB_TOKEN) return stsError(res, 'InvalidIdentityToken', 'wrong token')
    if (form.get('RoleArn') != process.env.ROLE_ARN) return stsError(res, 'AccessDenied', 'wrong role ' + form.get('RoleArn'))
    res.writeHead(200, {'Content-Type': 'text/xml'})
    return res.end(xml(action, creds('WEB')))
  }
  if (action == 'AssumeRole') {
    const auth = req.headers.authorization || ''
    const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=/.exec(auth)
    if (!m || m[1] != process.env.SOURCE_KEY_ID || m[3] != 'sts') return stsError(res, 'InvalidClientTokenId', 'not signed by the source profile: ' + auth)
    const headers = {}
    for (const h of m[4].split(';')) headers[h] = req.headers[h]
    const mine = aws4.sign({host: req.headers.host, path: req.url, method: req.method, service: 'sts', region: m[2],
      headers, body, doNotModifyHeaders: true},
      {accessKeyId: process.env.SOURCE_KEY_ID, secretAccessKey: process.env.SOURCE_SECRET})
    if (mine.headers.Authorization != auth) return stsError(res, 'SignatureDoesNotMatch', 'aws4 signs it otherwise')
    if (form.get('RoleArn') != process.env.ROLE_ARN) return stsError(res, 'AccessDenied', 'wrong role ' + form.get('RoleArn'))
    if (process.env.EXTERNAL_ID && form.get('ExternalId') != process.env.EXTERNAL_ID) return stsError(res, 'AccessDenied', 'wrong external id')
    res.writeHead(200, {'Content-Type': 'text/xml'})
    return res.end(xml(action, creds('ROLE')))
  }
  stsError(res, 'InvalidAction', 'unknown action ' + action)
}

const server = http.createServer((req, res) => {
  let body = ''
  req.on('data', d => { body += d })
  req.on('end', () => {
    if (req.headers['x-amz-target']) {
      const key = (/Credential=([^/]+)\//.exec(req.headers.authorization || '') || [])[1] || '-'
      fs.appendFileSync(log, `${key} ${req.headers['x-amz-security-token'] || '-'}\n`)
      return forward(req, body, res)
    }
    const failing = issued >= failAfter
    if (req.method == 'PUT' && req.url == '/latest/api/token') {
      if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) { res.writeHead(400); return res.end() }
      const t = 'imds-session-' + Math.random().toString(36).slice(2)
      tokens.add(t)
      res.writeHead(200)
      return res.end(t)
    }
    if (req.url.startsWith('/latest/meta-data/iam/security-credentials/')) {
      if (!tokens.has(req.headers['x-aws-ec2-metadata-token'])) { res.writeHead(401); return res.end() }
      const role = req.url.slice('/latest/meta-data/iam/security-credentials/'.length)
      if (role == '') { res.writeHead(200); return res.end('eddy-test-role\n') }
      if (role != 'eddy-test-role') { res.writeHead(404); return res.end() }
      if (failing) { res.writeHead(500); return res.end() }
      res.writeHead(200, {'Content-Type': 'text/plain'})
      return res.end(JSON.stringify(Object.assign({Code: 'Success', Type: 'AWS-HMAC'}, creds('IMDS'))))
    }
    if (req.url == '/container/creds') {
      if (process.env.CONTAINER_AUTH && req.headers.authorization != process.env.CONTAINER_AUTH) { res.writeHead(403); return res.end() }
      if (failing) { res.writeHead(500); return res.end() }
      res.writeHead(200, {'Content-Type': 'application/json'})
      return res.end(JSON.stringify(Object.assign({RoleArn: 'arn:aws:iam::1:role/task'}, creds('TASK'))))
    }
    if (req.method == 'POST' && req.url == '/') {
      if (failing) { res.writeHead(500); return res.end() }
      return sts(req, body, res)
    }
    res.writeHead(404)
    res.end()
  })
})
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)))
process.on('SIGTERM', () => process.exit(0))
