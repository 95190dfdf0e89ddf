<?xml version="1.0" encoding="UTF-8"?>
<!--
  Copyright (C) 2026 The acrn-alloc developers
  SPDX-License-Identifier: BSD-3-Clause

  recommendation.xml -> one self-contained HTML5 report with inline SVG charts.

  Input: the <report-input> document that aa_report_write() builds (board and
  scenario summary, diagnostics and a copy of the recommendation, see
  fixtures/valid-report-input-adl.xml), or a bare <recommendation> (then the
  pCPU map shows only the allocated pCPUs and nothing is reserved).

  The output loads nothing: no scripts, fonts, images or style sheets from
  anywhere.  Every text comes from the input through value-of, so the
  serialiser escapes it.  Chart ids (chart-capacity, chart-qos,
  chart-objective, chart-pcpu-map) are a contract for the tests.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="in" select="/report-input"/>
  <xsl:variable name="rec" select="(/report-input/recommendation | /recommendation)[1]"/>
  <xsl:variable name="board" select="/report-input/board"/>
  <xsl:variable name="scenario" select="/report-input/scenario"/>
  <xsl:variable name="cap" select="$rec/capacity"/>

  <!-- chart geometry: label column, bar column, value column -->
  <xsl:variable name="chart-w" select="1000"/>
  <xsl:variable name="bar-x" select="170"/>
  <xsl:variable name="bar-w" select="640"/>

  <xsl:variable name="c-reserved" select="'#4b5563'"/>
  <xsl:variable name="c-other" select="'#8a6d3b'"/>
  <xsl:variable name="c-free" select="'#eef0f3'"/>
  <xsl:variable name="c-met" select="'#0b7a3e'"/>
  <xsl:variable name="c-missed" select="'#b3261e'"/>

  <!-- colour-blind-safe palette, dark enough for white text (contrast >= 4.5) -->
  <xsl:template name="palette">
    <xsl:param name="index" select="1"/>
    <xsl:variable name="i" select="($index - 1) mod 8"/>
    <xsl:choose>
      <xsl:when test="$i = 0">#1f5fa8</xsl:when>
      <xsl:when test="$i = 1">#b34d00</xsl:when>
      <xsl:when test="$i = 2">#0b7a5a</xsl:when>
      <xsl:when test="$i = 3">#8e4585</xsl:when>
      <xsl:when test="$i = 4">#00707f</xsl:when>
      <xsl:when test="$i = 5">#a8323e</xsl:when>
      <xsl:when test="$i = 6">#5a4fa0</xsl:when>
      <xsl:otherwise>#5b6300</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="vm-colour">
    <xsl:param name="name"/>
    <xsl:call-template name="palette">
      <xsl:with-param name="index" select="count($rec/vm[@name = $name][1]/preceding-sibling::vm) + 1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="num">
    <xsl:param name="value"/>
    <xsl:param name="pattern" select="'#,##0.###'"/>
    <xsl:choose>
      <xsl:when test="string(number($value)) = 'NaN'">–</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($value, $pattern)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a QoS value rounded to three significant digits (a model prediction
       and a profiled measurement support no more), with the unit the metric
       name carries: ...-ms -> ms, ...-per-s -> /s, fps, ...-pct -> %;
       value 'unit-only' gives the unit alone -->
  <xsl:template name="qos-num">
    <xsl:param name="value"/>
    <xsl:param name="metric"/>
    <xsl:variable name="a" select="number($value) * (1 - 2 * number(number($value) &lt; 0))"/>
    <xsl:variable name="len" select="string-length($metric)"/>
    <xsl:choose>
      <xsl:when test="$value = 'unit-only'"/>
      <xsl:when test="string(number($value)) = 'NaN'">–</xsl:when>
      <xsl:when test="$a &gt;= 100"><xsl:value-of select="format-number($value, '#,##0')"/></xsl:when>
      <xsl:when test="$a &gt;= 10"><xsl:value-of select="format-number($value, '0.0')"/></xsl:when>
      <xsl:when test="$a &gt;= 1"><xsl:value-of select="format-number($value, '0.00')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($value, '0.###')"/></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="string(number($value)) = 'NaN' and $value != 'unit-only'"/>
      <xsl:when test="substring($metric, $len - 2) = '-ms'"> ms</xsl:when>
      <xsl:when test="substring($metric, $len - 5) = '-per-s'">
        <xsl:value-of select="concat(' ', substring($metric, 1, $len - 6), '/s')"/>
      </xsl:when>
      <xsl:when test="$metric = 'fps' or substring($metric, $len - 3) = '-fps'"> fps</xsl:when>
      <xsl:when test="substring($metric, $len - 3) = '-pct'"> %</xsl:when>
      <xsl:when test="substring($metric, $len - 1) = '-s'"> s</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- how much of a resource a VM holds: an allocation attribute, or its VFs -->
  <xsl:template name="amount">
    <xsl:param name="vms"/>
    <xsl:param name="key"/>
    <xsl:choose>
      <xsl:when test="$key = 'gpu-vfs'">
        <xsl:value-of select="count($vms/allocation/gpu-vf)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="sum($vms/allocation/@*[local-name() = $key])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================== page ============================== -->
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="acrn-alloc report.xsl"/>
        <title>
          <xsl:text>acrn-alloc report – </xsl:text>
          <xsl:value-of select="$rec/@board"/>
        </title>
        <style>
          :root { color-scheme: light; }
          body { margin: 0; background: #f4f5f7; color: #1f2933;
                 font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
          header { background: #16324f; color: #fff; padding: 22px 40px 18px; }
          header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
          header p { margin: 0; color: #d3dde8; }
          main { max-width: 1080px; margin: 0 auto; padding: 20px 40px 40px; }
          section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px;
                    padding: 16px 22px 18px; margin: 0 0 18px; }
          h2 { font-size: 18px; margin: 0 0 4px; color: #16324f; }
          p.note { margin: 0 0 10px; color: #52606d; font-size: 13.5px; }
          .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; }
          .card { border: 1px solid #dde1e6; border-radius: 6px; padding: 8px 12px; background: #fafbfc; }
          .card .k { display: block; color: #52606d; font-size: 12.5px; }
          .card .v { display: block; font-size: 20px; font-weight: 600; color: #16324f; }
          .legend { list-style: none; margin: 4px 0 8px; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13.5px; }
          .legend li { display: flex; align-items: center; gap: 6px; }
          .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid rgba(0,0,0,.25); }
          svg { display: block; width: 100%; height: auto; }
          svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
          table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
          th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
          th { background: #f4f5f7; color: #3e4c59; font-weight: 600; }
          td.n { text-align: right; font-variant-numeric: tabular-nums; }
          .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
          .sev-error { background: #b3261e; } .sev-warning { background: #a15c00; } .sev-info { background: #1f5fa8; }
          .met { color: #0b7a3e; font-weight: 600; } .missed { color: #b3261e; font-weight: 600; }
          footer { color: #52606d; font-size: 12.5px; text-align: center; padding: 0 0 24px; }
        </style>
      </head>
      <body>
        <header>
          <h1>
            <xsl:text>ACRN resource allocation – </xsl:text>
            <xsl:value-of select="$rec/@board"/>
          </h1>
          <p>
            <xsl:text>Strategy </xsl:text>
            <xsl:value-of select="$rec/@strategy"/>
            <xsl:text> · </xsl:text>
            <xsl:value-of select="count($rec/vm)"/>
            <xsl:text> VMs</xsl:text>
            <xsl:if test="$scenario/@file">
              <xsl:text> · scenario </xsl:text>
              <xsl:value-of select="$scenario/@file"/>
            </xsl:if>
            <xsl:if test="$board/@file">
              <xsl:text> · board file </xsl:text>
              <xsl:value-of select="$board/@file"/>
            </xsl:if>
          </p>
        </header>
        <main>
          <xsl:call-template name="summary"/>
          <xsl:call-template name="capacity"/>
          <xsl:call-template name="pcpu-map"/>
          <xsl:call-template name="io-group"/>
          <xsl:call-template name="qos"/>
          <xsl:if test="$rec/vm/forecast[@status = 'ok']">
            <xsl:call-template name="forecast"/>
          </xsl:if>
          <xsl:call-template name="objective"/>
          <xsl:call-template name="vm-table"/>
          <xsl:call-template name="rt-reservations"/>
          <xsl:call-template name="families"/>
          <xsl:call-template name="diagnostics"/>
        </main>
        <footer>
          <xsl:text>Generated by </xsl:text>
          <xsl:choose>
            <xsl:when test="$in/@generator"><xsl:value-of select="$in/@generator"/></xsl:when>
            <xsl:otherwise>acrn-alloc</xsl:otherwise>
          </xsl:choose>
          <xsl:text> from recommendation.xml. This page is self-contained: it loads no scripts, fonts or images.</xsl:text>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- ============================ summary ============================= -->
  <xsl:template name="summary">
    <xsl:variable name="s" select="$rec/search"/>
    <section id="search" aria-labelledby="search-h">
      <h2 id="search-h">Search</h2>
      <p class="note">
        <xsl:choose>
          <xsl:when test="$s/@searched-objective">The search <xsl:choose><xsl:when test="$s/@optimal = 'true'">proved its allocation optimal</xsl:when><xsl:otherwise>stopped before it proved its allocation optimal</xsl:otherwise></xsl:choose> for the robust model's objective (objective <xsl:call-template name="num"><xsl:with-param name="value" select="$s/@searched-objective"/><xsl:with-param name="pattern" select="'0.000'"/></xsl:call-template>). The allocation below adds capacity that no VM held: <xsl:for-each select="$rec/vm[free-capacity]"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:value-of select="@name"/> got <xsl:if test="free-capacity/@p-cores &gt; 0">+<xsl:value-of select="free-capacity/@p-cores"/> P-cores </xsl:if><xsl:if test="free-capacity/@e-cores-returned &gt; 0">in place of its <xsl:value-of select="free-capacity/@e-cores-returned"/> E-cores </xsl:if><xsl:if test="free-capacity/@e-cores &gt; 0">+<xsl:value-of select="free-capacity/@e-cores"/> E-cores </xsl:if><xsl:if test="free-capacity/@gpu-slices &gt; 0">+<xsl:value-of select="free-capacity/@gpu-slices"/> GPU slices </xsl:if><xsl:if test="free-capacity/@memory-mib &gt; 0">+<xsl:value-of select="free-capacity/@memory-mib"/> MiB </xsl:if>(<xsl:if test="free-capacity/@e-cores-returned &gt; 0">a target is predicted missed on E-cores whose speed no run may have measured, and a P-core is never slower; </xsl:if><xsl:if test="free-capacity/@censored != 'none'">its <xsl:choose><xsl:when test="free-capacity/@censored = 'cpu gpu'">CPU and GPU</xsl:when><xsl:otherwise><xsl:value-of select="translate(free-capacity/@censored, 'cpug', 'CPUG')"/></xsl:otherwise></xsl:choose> ran saturated when profiled, so the model cannot tell how much more would help</xsl:if><xsl:if test="free-capacity/@predicted-miss = 'true'"><xsl:if test="free-capacity/@censored != 'none'">; </xsl:if>a target is predicted missed: cores and slices it used while profiled up to the equal split's share, as the model's "no gain above the sized demand" is a prior, not a measurement</xsl:if><xsl:if test="(free-capacity/@censored != 'none' or free-capacity/@predicted-miss = 'true') and free-capacity/@memory-mib &gt; 0">; </xsl:if><xsl:if test="free-capacity/@memory-mib &gt; 0">memory up to the equal split's share, as a profiled working set is only a lower bound</xsl:if>)</xsl:for-each> (docs/robust-model.md, "Free capacity after the search").</xsl:when>
          <xsl:when test="$s/@optimal = 'true' and $rec/@model = 'robust'">The allocation below is a proven optimum of the robust model's objective: first the weight of the QoS targets predicted met with the model's margin, then the sum of VM scores (docs/robust-model.md).</xsl:when>
          <xsl:when test="$s/@optimal = 'true'">The allocation below is a proven optimum of the objective (MODEL.md).</xsl:when>
          <xsl:when test="$s">The search stopped before it proved the allocation optimal.</xsl:when>
          <xsl:otherwise>The recommendation holds no search statistics.</xsl:otherwise>
        </xsl:choose>
      </p>
      <div class="cards">
        <div class="card" id="stat-objective"><span class="k">Objective</span><span class="v">
          <xsl:call-template name="num"><xsl:with-param name="value" select="$s/@objective"/><xsl:with-param name="pattern" select="'0.000'"/></xsl:call-template>
        </span></div>
        <div class="card" id="stat-optimal"><span class="k">Proven optimal</span><span class="v">
          <xsl:choose><xsl:when test="$s/@optimal = 'true'">yes</xsl:when><xsl:otherwise>no</xsl:otherwise></xsl:choose>
        </span></div>
        <div class="card" id="stat-nodes"><span class="k">Nodes visited</span><span class="v">
          <xsl:call-template name="num"><xsl:with-param name="value" select="$s/@nodes"/></xsl:call-template>
        </span></div>
        <div class="card" id="stat-pruned"><span class="k">Pruned</span><span class="v">
          <xsl:call-template name="num"><xsl:with-param name="value" select="$s/@pruned"/></xsl:call-template>
        </span></div>
        <div class="card" id="stat-seconds"><span class="k">Search time</span><span class="v">
          <xsl:call-template name="num"><xsl:with-param name="value" select="$s/@seconds"/><xsl:with-param name="pattern" select="'0.000'"/></xsl:call-template>
          <xsl:text> s</xsl:text>
        </span></div>
        <div class="card" id="stat-qos"><span class="k">QoS targets met</span><span class="v">
          <xsl:value-of select="count($rec/vm/predicted[@met = 'true'])"/>
          <xsl:text> / </xsl:text>
          <xsl:value-of select="count($rec/vm/predicted)"/>
        </span></div>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="legend">
    <xsl:param name="id"/>
    <xsl:param name="with-reserved" select="false()"/>
    <ul class="legend" id="{$id}" aria-label="Legend">
      <xsl:for-each select="$rec/vm">
        <li>
          <span class="swatch">
            <xsl:attribute name="style">
              <xsl:text>background:</xsl:text>
              <xsl:call-template name="palette"><xsl:with-param name="index" select="position()"/></xsl:call-template>
            </xsl:attribute>
          </span>
          <xsl:value-of select="@name"/>
        </li>
      </xsl:for-each>
      <xsl:if test="$with-reserved">
        <li><span class="swatch" style="background:{$c-reserved}"></span>Service VM, hypervisor and VMs outside the intent</li>
      </xsl:if>
      <li><span class="swatch" style="background:{$c-free}"></span>free</li>
    </ul>
  </xsl:template>

  <!-- ============================ capacity ============================ -->
  <xsl:template name="capacity">
    <xsl:variable name="res-p" select="number($board/@p-cores) - number($cap/@p-cores)"/>
    <xsl:variable name="res-e" select="number($board/@e-cores) - number($cap/@e-cores)"/>
    <xsl:variable name="res-m" select="number($board/@memory-mib) - number($cap/@memory-mib)"/>
    <section id="capacity" aria-labelledby="capacity-h">
      <h2 id="capacity-h">Capacity by resource</h2>
      <p class="note">Each bar is what the board has; segments are what each VM gets, the
        dark segment what the reserves and VMs outside the intent hold, the light remainder
        what stays free.</p>
      <xsl:call-template name="legend">
        <xsl:with-param name="id" select="'legend-capacity'"/>
        <xsl:with-param name="with-reserved" select="boolean($board)"/>
      </xsl:call-template>
      <svg id="chart-capacity" viewBox="0 0 {$chart-w} 300" role="img" aria-labelledby="chart-capacity-t chart-capacity-d">
        <title id="chart-capacity-t">Capacity by resource, split by VM</title>
        <desc id="chart-capacity-d">Horizontal bars for P-cores, E-cores, memory, GPU slices and GPU virtual functions.</desc>
        <defs>
          <pattern id="hatch-free" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="{$c-free}"/>
            <line x1="0" y1="0" x2="0" y2="8" stroke="#cfd4da" stroke-width="3"/>
          </pattern>
        </defs>
        <xsl:call-template name="capacity-row">
          <xsl:with-param name="row" select="0"/>
          <xsl:with-param name="label" select="'P-cores'"/>
          <xsl:with-param name="key" select="'p-cores'"/>
          <xsl:with-param name="unit" select="'pCPU'"/>
          <xsl:with-param name="reserved" select="$res-p"/>
        </xsl:call-template>
        <xsl:call-template name="capacity-row">
          <xsl:with-param name="row" select="1"/>
          <xsl:with-param name="label" select="'E-cores'"/>
          <xsl:with-param name="key" select="'e-cores'"/>
          <xsl:with-param name="unit" select="'pCPU'"/>
          <xsl:with-param name="reserved" select="$res-e"/>
        </xsl:call-template>
        <xsl:call-template name="capacity-row">
          <xsl:with-param name="row" select="2"/>
          <xsl:with-param name="label" select="'Memory'"/>
          <xsl:with-param name="key" select="'memory-mib'"/>
          <xsl:with-param name="unit" select="'MiB'"/>
          <xsl:with-param name="reserved" select="$res-m"/>
        </xsl:call-template>
        <xsl:call-template name="capacity-row">
          <xsl:with-param name="row" select="3"/>
          <xsl:with-param name="label" select="'GPU slices'"/>
          <xsl:with-param name="key" select="'gpu-slices'"/>
          <xsl:with-param name="unit" select="'slices'"/>
          <xsl:with-param name="reserved" select="0"/>
        </xsl:call-template>
        <xsl:call-template name="capacity-row">
          <xsl:with-param name="row" select="4"/>
          <xsl:with-param name="label" select="'GPU VFs'"/>
          <xsl:with-param name="key" select="'gpu-vfs'"/>
          <xsl:with-param name="unit" select="'VFs'"/>
          <xsl:with-param name="reserved" select="0"/>
        </xsl:call-template>
      </svg>
    </section>
  </xsl:template>

  <xsl:template name="capacity-row">
    <xsl:param name="row"/>
    <xsl:param name="label"/>
    <xsl:param name="key"/>
    <xsl:param name="unit"/>
    <xsl:param name="reserved"/>
    <xsl:variable name="y" select="14 + $row * 58"/>
    <xsl:variable name="avail" select="number($cap/@*[local-name() = $key])"/>
    <xsl:variable name="res">
      <xsl:choose>
        <xsl:when test="string(number($reserved)) != 'NaN' and $reserved &gt; 0"><xsl:value-of select="$reserved"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="used">
      <xsl:call-template name="amount">
        <xsl:with-param name="vms" select="$rec/vm"/>
        <xsl:with-param name="key" select="$key"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="avail-n">
      <xsl:choose>
        <xsl:when test="string($avail) = 'NaN'"><xsl:value-of select="$used"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$avail"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="total" select="$avail-n + $res"/>
    <xsl:variable name="free" select="$avail-n - $used"/>
    <xsl:variable name="scale">
      <xsl:choose>
        <xsl:when test="$total &gt; 0 and $total &gt;= $used + $res"><xsl:value-of select="$bar-w div $total"/></xsl:when>
        <xsl:when test="$used + $res &gt; 0"><xsl:value-of select="$bar-w div ($used + $res)"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <g id="capacity-{$key}" class="capacity-row">
      <text x="0" y="{$y + 14}" font-size="15" font-weight="600" fill="#1f2933"><xsl:value-of select="$label"/></text>
      <text x="0" y="{$y + 32}" font-size="12" fill="#52606d">
        <xsl:call-template name="num"><xsl:with-param name="value" select="$avail-n"/></xsl:call-template>
        <xsl:text> available</xsl:text>
      </text>
      <!-- the whole bar: free unless a segment covers it -->
      <rect x="{$bar-x}" y="{$y}" width="{$bar-w}" height="34" rx="4" fill="url(#hatch-free)" stroke="#cfd4da">
        <title><xsl:value-of select="concat($label, ': ', format-number($free, '#,##0'), ' ', $unit, ' free')"/></title>
      </rect>
      <xsl:if test="$res &gt; 0">
        <xsl:call-template name="segment">
          <xsl:with-param name="x" select="$bar-x"/>
          <xsl:with-param name="y" select="$y"/>
          <xsl:with-param name="w" select="$res * $scale"/>
          <xsl:with-param name="fill" select="$c-reserved"/>
          <xsl:with-param name="text" select="format-number($res, '#,##0')"/>
          <xsl:with-param name="title" select="concat('reserved (Service VM, hypervisor, VMs outside the intent): ', format-number($res, '#,##0'), ' ', $unit)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="$rec/vm">
        <xsl:variable name="mine">
          <xsl:call-template name="amount">
            <xsl:with-param name="vms" select="."/>
            <xsl:with-param name="key" select="$key"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="before">
          <xsl:call-template name="amount">
            <xsl:with-param name="vms" select="preceding-sibling::vm"/>
            <xsl:with-param name="key" select="$key"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="$mine &gt; 0">
          <xsl:call-template name="segment">
            <xsl:with-param name="x" select="$bar-x + ($res + $before) * $scale"/>
            <xsl:with-param name="y" select="$y"/>
            <xsl:with-param name="w" select="$mine * $scale"/>
            <xsl:with-param name="fill">
              <xsl:call-template name="palette"><xsl:with-param name="index" select="position()"/></xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="text" select="format-number($mine, '#,##0')"/>
            <xsl:with-param name="title" select="concat(@name, ': ', format-number($mine, '#,##0'), ' ', $unit)"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
      <text x="{$bar-x + $bar-w + 12}" y="{$y + 15}" font-size="13" fill="#1f2933">
        <xsl:value-of select="format-number($used, '#,##0')"/>
        <xsl:text> used</xsl:text>
      </text>
      <text x="{$bar-x + $bar-w + 12}" y="{$y + 31}" font-size="12" fill="#52606d">
        <xsl:value-of select="format-number($free, '#,##0')"/>
        <xsl:text> free</xsl:text>
        <xsl:if test="$free &lt; 0"> (over!)</xsl:if>
      </text>
    </g>
  </xsl:template>

  <xsl:template name="segment">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="w"/>
    <xsl:param name="fill"/>
    <xsl:param name="text"/>
    <xsl:param name="title"/>
    <g class="segment">
      <rect x="{format-number($x, '0.##')}" y="{$y}" width="{format-number($w, '0.##')}" height="34" fill="{$fill}" stroke="#fff" stroke-width="1.5">
        <title><xsl:value-of select="$title"/></title>
      </rect>
      <xsl:if test="$w &gt;= 8 * string-length($text) + 8">
        <text x="{format-number($x + $w div 2, '0.##')}" y="{$y + 22}" font-size="13" font-weight="600" fill="#fff" text-anchor="middle">
          <xsl:value-of select="$text"/>
        </text>
      </xsl:if>
    </g>
  </xsl:template>

  <!-- ============================ pCPU map ============================ -->
  <xsl:template name="pcpu-map">
    <xsl:variable name="n-p">
      <xsl:choose>
        <xsl:when test="$board"><xsl:value-of select="count($board/pcpu[@kind = 'P'])"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($rec/vm[allocation/@p-cores &gt; 0]/allocation/pcpu)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="n-e">
      <xsl:choose>
        <xsl:when test="$board"><xsl:value-of select="count($board/pcpu[@kind = 'E'])"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($rec/vm[not(allocation/@p-cores &gt; 0)]/allocation/pcpu)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="per-row" select="8"/>
    <xsl:variable name="rows-p" select="ceiling($n-p div $per-row)"/>
    <xsl:variable name="rows-e" select="ceiling($n-e div $per-row)"/>
    <xsl:variable name="e-y" select="34 + $rows-p * 84 + 30"/>
    <xsl:variable name="height" select="$e-y + $rows-e * 84 + 10"/>
    <section id="pcpus" aria-labelledby="pcpus-h">
      <h2 id="pcpus-h">pCPU map</h2>
      <p class="note">
        <xsl:choose>
          <xsl:when test="$board">Every pCPU of the board, by core type, coloured by the VM it is pinned to.
            A dark band at the bottom marks a pCPU that <xsl:value-of select="$board/@service-vm"/> shares with
            the VM there: ACRN gives the Service VM every pCPU that no pre-launched VM and no RT VM
            holds, so it also runs beside the standard post-launched VMs.</xsl:when>
          <xsl:otherwise>The allocated pCPUs (no board summary was given).</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:call-template name="legend">
        <xsl:with-param name="id" select="'legend-pcpus'"/>
        <xsl:with-param name="with-reserved" select="boolean($board)"/>
      </xsl:call-template>
      <svg id="chart-pcpu-map" viewBox="0 0 {$chart-w} {$height}" role="img" aria-labelledby="chart-pcpu-map-t">
        <title id="chart-pcpu-map-t">pCPU map: which VM runs on which P- and E-core pCPU</title>
        <text x="0" y="20" font-size="14" font-weight="600" fill="#1f2933">
          <xsl:value-of select="concat('P-cores (', $n-p, ' pCPUs)')"/>
        </text>
        <text x="0" y="{$e-y - 14}" font-size="14" font-weight="600" fill="#1f2933">
          <xsl:value-of select="concat('E-cores (', $n-e, ' pCPUs)')"/>
        </text>
        <xsl:choose>
          <xsl:when test="$board">
            <xsl:for-each select="$board/pcpu[@kind = 'P']">
              <xsl:call-template name="pcpu-box">
                <xsl:with-param name="i" select="position() - 1"/>
                <xsl:with-param name="top" select="30"/>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:for-each select="$board/pcpu[@kind = 'E']">
              <xsl:call-template name="pcpu-box">
                <xsl:with-param name="i" select="position() - 1"/>
                <xsl:with-param name="top" select="$e-y"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$rec/vm[allocation/@p-cores &gt; 0]/allocation/pcpu">
              <xsl:sort select="@id" data-type="number"/>
              <xsl:call-template name="pcpu-box">
                <xsl:with-param name="i" select="position() - 1"/>
                <xsl:with-param name="top" select="30"/>
                <xsl:with-param name="kind" select="'P'"/>
                <xsl:with-param name="owner" select="../../@name"/>
                <xsl:with-param name="role" select="'vm'"/>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:for-each select="$rec/vm[not(allocation/@p-cores &gt; 0)]/allocation/pcpu">
              <xsl:sort select="@id" data-type="number"/>
              <xsl:call-template name="pcpu-box">
                <xsl:with-param name="i" select="position() - 1"/>
                <xsl:with-param name="top" select="$e-y"/>
                <xsl:with-param name="kind" select="'E'"/>
                <xsl:with-param name="owner" select="../../@name"/>
                <xsl:with-param name="role" select="'vm'"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </svg>
      <xsl:for-each select="$board/placement-note">
        <p class="note placement-note">
          <xsl:value-of select="concat(@vm, ' runs on cpu ', @pcpu, ', the hyper-thread sibling of cpu ',
            @service-sibling, ' that ', $board/@service-vm, ' keeps, while cpu ', @free,
            ' is free. acrn-alloc places as MODEL.md specifies for both models (the lowest free IDs of the',
            ' right type, so that any implementation gives the same scenario); the model predicts the',
            ' same QoS on either pCPU. To keep ', @vm, ' off that core, replace ', @pcpu, ' by ', @free,
            ' in its cpu_affinity in scenario.xml.')"/>
        </p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="pcpu-box">
    <xsl:param name="i"/>
    <xsl:param name="top"/>
    <xsl:param name="kind" select="@kind"/>
    <xsl:param name="owner" select="@owner"/>
    <xsl:param name="role" select="@role"/>
    <xsl:variable name="x" select="($i mod 8) * 124"/>
    <xsl:variable name="y" select="$top + floor($i div 8) * 84"/>
    <xsl:variable name="fill">
      <xsl:choose>
        <xsl:when test="$role = 'vm' and $rec/vm[@name = $owner]">
          <xsl:call-template name="vm-colour"><xsl:with-param name="name" select="$owner"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$role = 'service' or $role = 'other'"><xsl:value-of select="$c-reserved"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$c-free"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ink">
      <xsl:choose>
        <xsl:when test="string($owner) = ''">#3e4c59</xsl:when>
        <xsl:otherwise>#ffffff</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="who">
      <xsl:choose>
        <xsl:when test="string($owner) = ''">free</xsl:when>
        <xsl:otherwise><xsl:value-of select="$owner"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="shared">
      <xsl:if test="@service-shares and string($role) != 'service'">
        <xsl:value-of select="concat(', ', @service-shares, ' runs here too')"/>
      </xsl:if>
    </xsl:variable>
    <g id="pcpu-{@id}" class="pcpu">
      <rect x="{$x}" y="{$y}" width="116" height="74" rx="6" fill="{$fill}" stroke="#9aa5b1">
        <title><xsl:value-of select="concat('pCPU ', @id, ' (', $kind, '-core): ', $who, $shared)"/></title>
      </rect>
      <xsl:if test="string($shared) != ''">
        <!-- ACRN's Service VM also runs here: a band in its colour -->
        <rect class="service-share" x="{$x}" y="{$y + 66}" width="116" height="8" fill="{$c-reserved}">
          <title><xsl:value-of select="concat('pCPU ', @id, ': ', @service-shares, ' runs here too')"/></title>
        </rect>
      </xsl:if>
      <text x="{$x + 8}" y="{$y + 20}" font-size="14" font-weight="700" fill="{$ink}">
        <xsl:value-of select="concat('cpu ', @id)"/>
      </text>
      <text x="{$x + 108}" y="{$y + 20}" font-size="12" font-weight="700" fill="{$ink}" text-anchor="end">
        <xsl:value-of select="$kind"/>
      </text>
      <text x="{$x + 8}" y="{$y + 44}" font-size="11" fill="{$ink}">
        <xsl:choose>
          <xsl:when test="string-length($who) &gt; 17">
            <xsl:value-of select="concat(substring($who, 1, 16), '…')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$who"/></xsl:otherwise>
        </xsl:choose>
      </text>
      <xsl:if test="@core-type">
        <text x="{$x + 8}" y="{$y + 64}" font-size="10.5" fill="{$ink}" opacity="0.85">
          <xsl:value-of select="@core-type"/>
          <xsl:if test="@core"><xsl:value-of select="concat(' · core ', @core)"/></xsl:if>
        </text>
      </xsl:if>
    </g>
  </xsl:template>

  <!-- ============================== QoS =============================== -->
  <xsl:template name="qos">
    <xsl:variable name="rows" select="count($rec/vm/predicted)"/>
    <section id="qos" aria-labelledby="qos-h">
      <h2 id="qos-h">Predicted QoS against target</h2>
      <p class="note">Bars show the predicted value of each QoS metric of the intent; the black
        line is the target and the green zone the side of it that meets the target
        (right of it when higher is better, left of it when lower is better). Each bar has
        its own scale; values are rounded to three significant digits.</p>
      <xsl:choose>
        <xsl:when test="$rows = 0">
          <p>The recommendation predicts no QoS metric.</p>
        </xsl:when>
        <xsl:otherwise>
          <svg id="chart-qos" viewBox="0 0 {$chart-w} {$rows * 46 + 8}" role="img" aria-labelledby="chart-qos-t">
            <title id="chart-qos-t">Predicted QoS per VM and metric, with targets</title>
            <xsl:for-each select="$rec/vm/predicted">
              <xsl:call-template name="qos-row">
                <xsl:with-param name="y" select="8 + (position() - 1) * 46"/>
              </xsl:call-template>
            </xsl:for-each>
          </svg>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="qos-row">
    <xsl:param name="y"/>
    <xsl:variable name="vm" select=".."/>
    <xsl:variable name="v" select="number(@value)"/>
    <xsl:variable name="t" select="number(@target)"/>
    <xsl:variable name="met" select="@met = 'true'"/>
    <xsl:variable name="w" select="420"/>
    <xsl:variable name="x0" select="$bar-x + 60"/>
    <xsl:variable name="hi">
      <xsl:choose>
        <xsl:when test="$v &gt; $t"><xsl:value-of select="$v * 1.15"/></xsl:when>
        <xsl:when test="$t &gt; 0"><xsl:value-of select="$t * 1.15"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="op">
      <xsl:choose>
        <xsl:when test="@direction = 'higher'">≥ </xsl:when>
        <xsl:when test="@direction = 'lower'">≤ </xsl:when>
        <xsl:when test="($v &gt; $t and $met) or ($v &lt; $t and not($met))">≥ </xsl:when>
        <xsl:when test="($v &lt; $t and $met) or ($v &gt; $t and not($met))">≤ </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="colour">
      <xsl:call-template name="vm-colour"><xsl:with-param name="name" select="$vm/@name"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="status">
      <xsl:choose>
        <xsl:when test="$met">met</xsl:when>
        <xsl:otherwise>missed</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <g class="qos-row qos-{$status}" id="qos-{count($vm/preceding-sibling::vm) + 1}-{count(preceding-sibling::predicted) + 1}">
      <text x="0" y="{$y + 14}" font-size="13" font-weight="600" fill="#1f2933"><xsl:value-of select="$vm/@name"/></text>
      <text x="0" y="{$y + 30}" font-size="12" fill="#52606d"><xsl:value-of select="@metric"/></text>
      <xsl:variable name="tx" select="$x0 + $t div $hi * $w"/>
      <xsl:variable name="value-text">
        <xsl:call-template name="qos-num"><xsl:with-param name="value" select="@value"/><xsl:with-param name="metric" select="@metric"/></xsl:call-template>
      </xsl:variable>
      <!-- the target as the intent states it, with the unit -->
      <xsl:variable name="target-text">
        <xsl:call-template name="num"><xsl:with-param name="value" select="@target"/></xsl:call-template>
        <xsl:call-template name="qos-num"><xsl:with-param name="value" select="'unit-only'"/><xsl:with-param name="metric" select="@metric"/></xsl:call-template>
      </xsl:variable>
      <rect x="{$x0}" y="{$y + 6}" width="{$w}" height="22" rx="3" fill="#eef0f3"/>
      <!-- the side of the target that meets it -->
      <xsl:choose>
        <xsl:when test="$op = '≥ '">
          <rect class="qos-zone qos-zone-higher" x="{format-number($tx, '0.##')}" y="{$y + 6}" width="{format-number($x0 + $w - $tx, '0.##')}" height="22" fill="#c7ecd5"/>
        </xsl:when>
        <xsl:when test="$op = '≤ '">
          <rect class="qos-zone qos-zone-lower" x="{$x0}" y="{$y + 6}" width="{format-number($tx - $x0, '0.##')}" height="22" fill="#c7ecd5"/>
        </xsl:when>
      </xsl:choose>
      <rect x="{$x0}" y="{$y + 13}" width="{format-number($v div $hi * $w, '0.##')}" height="8" rx="2" fill="{$colour}">
        <title><xsl:value-of select="concat($vm/@name, ' ', @metric, ': predicted ', $value-text, ', target ', $op, $target-text, ', ', $status)"/></title>
      </rect>
      <line class="qos-target" x1="{format-number($tx, '0.##')}" x2="{format-number($tx, '0.##')}" y1="{$y + 2}" y2="{$y + 32}" stroke="#111827" stroke-width="3">
        <title><xsl:value-of select="concat('target ', $op, $target-text)"/></title>
      </line>
      <text class="qos-direction" x="{$x0 - 8}" y="{$y + 22}" font-size="12" font-weight="700" fill="#52606d" text-anchor="end">
        <xsl:choose>
          <xsl:when test="$op = '≥ '">higher ▶</xsl:when>
          <xsl:when test="$op = '≤ '">◀ lower</xsl:when>
        </xsl:choose>
      </text>
      <text x="{$x0 + $w + 16}" y="{$y + 22}" font-size="13" fill="#1f2933">
        <xsl:choose>
          <xsl:when test="@metric = 'deadline-miss-ratio'">
            <xsl:choose>
              <xsl:when test="$v = 0">schedulable</xsl:when>
              <xsl:otherwise>not schedulable</xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$value-text"/>
            <xsl:text> (target </xsl:text>
            <xsl:value-of select="$op"/>
            <xsl:value-of select="$target-text"/>
            <xsl:text>)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </text>
      <text x="{$chart-w - 4}" y="{$y + 22}" font-size="13" font-weight="700" text-anchor="end">
        <xsl:attribute name="fill">
          <xsl:choose>
            <xsl:when test="$met"><xsl:value-of select="$c-met"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$c-missed"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$met">✔ met</xsl:when>
          <xsl:otherwise>✘ missed</xsl:otherwise>
        </xsl:choose>
      </text>
    </g>
  </xsl:template>

  <!-- ============================ forecast ============================ -->
  <!-- <policy demand="forecast">: per VM and resource the end of the trace,
       the forecast band (q50 to q95) over the horizon and the chosen bin -->
  <xsl:template name="forecast">
    <section id="forecast" aria-labelledby="forecast-h">
      <h2 id="forecast-h">Demand forecast and bins</h2>
      <p class="note">Each resource is sized from its forecast over the horizon (seed 001's
        quantised bins): the smallest bin whose predicted probability of covering the demand
        reaches the policy's confidence. Grey line: the end of the trace; shaded: the forecast
        from its median to its 95th percentile; dashed: the chosen bin. Accuracy is 100 - MAPE
        over held-out windows of the trace.</p>
      <xsl:for-each select="$rec/vm[forecast[@status = 'ok']]">
        <xsl:variable name="colour">
          <xsl:call-template name="vm-colour"><xsl:with-param name="name" select="@name"/></xsl:call-template>
        </xsl:variable>
        <svg id="chart-forecast-{position()}" class="chart-forecast" viewBox="0 0 {$chart-w} 190" role="img" aria-labelledby="chart-forecast-{position()}-t">
          <title id="chart-forecast-{position()}-t"><xsl:value-of select="concat('Demand forecast of VM ', @name)"/></title>
          <text x="0" y="16" font-size="14" font-weight="600" fill="#1f2933"><xsl:value-of select="@name"/></text>
          <xsl:for-each select="forecast[@status = 'ok']">
            <xsl:call-template name="forecast-panel">
              <xsl:with-param name="x0" select="(position() - 1) * 335"/>
              <xsl:with-param name="colour" select="$colour"/>
            </xsl:call-template>
          </xsl:for-each>
        </svg>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="forecast-panel">
    <xsl:param name="x0"/>
    <xsl:param name="colour"/>
    <xsl:variable name="w" select="300"/>
    <xsl:variable name="h" select="110"/>
    <xsl:variable name="top" select="44"/>
    <xsl:variable name="tmin">
      <xsl:for-each select="point"><xsl:sort select="@t" data-type="number"/><xsl:if test="position() = 1"><xsl:value-of select="@t"/></xsl:if></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="tmax">
      <xsl:for-each select="band"><xsl:sort select="@t" data-type="number" order="descending"/><xsl:if test="position() = 1"><xsl:value-of select="@t"/></xsl:if></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="vmax">
      <xsl:for-each select="point/@v | band/@hi | @bin"><xsl:sort select="." data-type="number" order="descending"/><xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="ymax">
      <xsl:choose>
        <xsl:when test="number($vmax) &gt; 0"><xsl:value-of select="$vmax * 1.1"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="span">
      <xsl:choose>
        <xsl:when test="number($tmax) - number($tmin) &gt; 0"><xsl:value-of select="number($tmax) - number($tmin)"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="unit">
      <xsl:choose>
        <xsl:when test="@resource = 'cpu'"> cores</xsl:when>
        <xsl:when test="@resource = 'memory'"> MiB</xsl:when>
        <xsl:otherwise> slices</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <g class="forecast-panel" id="forecast-{count(../preceding-sibling::vm) + 1}-{@resource}" transform="translate({$x0}, 0)">
      <text x="0" y="36" font-size="12.5" fill="#1f2933">
        <xsl:value-of select="concat(@resource, ': ', @model)"/>
        <xsl:if test="@accuracy-pct">
          <xsl:value-of select="concat(', accuracy ', format-number(@accuracy-pct, '0.0'), '%')"/>
        </xsl:if>
      </text>
      <rect x="0" y="{$top}" width="{$w}" height="{$h}" fill="#fafbfc" stroke="#dde1e6"/>
      <line x1="{format-number((0 - $tmin) div $span * $w, '0.##')}" x2="{format-number((0 - $tmin) div $span * $w, '0.##')}" y1="{$top}" y2="{$top + $h}" stroke="#9aa5b1" stroke-dasharray="2 3"/>
      <polygon fill="{$colour}" fill-opacity="0.3" stroke="none">
        <xsl:attribute name="points">
          <xsl:for-each select="band">
            <xsl:value-of select="concat(format-number((@t - $tmin) div $span * $w, '0.##'), ',', format-number($top + $h - @hi div $ymax * $h, '0.##'), ' ')"/>
          </xsl:for-each>
          <xsl:for-each select="band">
            <xsl:sort select="@t" data-type="number" order="descending"/>
            <xsl:value-of select="concat(format-number((@t - $tmin) div $span * $w, '0.##'), ',', format-number($top + $h - @lo div $ymax * $h, '0.##'), ' ')"/>
          </xsl:for-each>
        </xsl:attribute>
        <title><xsl:value-of select="concat('forecast at ', @horizon-s, ' s: q50 ', @q50, ', q95 ', @q95, ', q99 ', @q99, $unit)"/></title>
      </polygon>
      <polyline fill="none" stroke="#52606d" stroke-width="1.5">
        <xsl:attribute name="points">
          <xsl:for-each select="point">
            <xsl:value-of select="concat(format-number((@t - $tmin) div $span * $w, '0.##'), ',', format-number($top + $h - @v div $ymax * $h, '0.##'), ' ')"/>
          </xsl:for-each>
        </xsl:attribute>
      </polyline>
      <line class="forecast-bin" x1="0" x2="{$w}" y1="{format-number($top + $h - @bin div $ymax * $h, '0.##')}" y2="{format-number($top + $h - @bin div $ymax * $h, '0.##')}" stroke="#111827" stroke-width="2" stroke-dasharray="6 4">
        <title><xsl:value-of select="concat('bin ', @bin, $unit, ', predicted coverage ', format-number(@coverage * 100, '0.#'), '%')"/></title>
      </line>
      <text x="0" y="{$top + $h + 16}" font-size="12" fill="#52606d">
        <xsl:value-of select="concat('bin ', @bin, $unit, ' covers ', format-number(@coverage * 100, '0.#'), '% (trace alone: ', @trace-size, ')')"/>
      </text>
      <text x="{$w}" y="{$top + $h + 30}" font-size="11" fill="#52606d" text-anchor="end">
        <xsl:value-of select="concat('now → +', @horizon-s, ' s')"/>
      </text>
    </g>
  </xsl:template>

  <!-- =========================== objective ============================ -->
  <xsl:template name="objective">
    <!-- the robust objective is M x (weight of targets met) + score: the bars
         compare the scores, and the targets met are named beside them -->
    <xsl:variable name="robust" select="boolean($rec/search/@score)"/>
    <xsl:variable name="opt">
      <xsl:choose>
        <xsl:when test="$robust"><xsl:value-of select="number($rec/search/@score)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="number($rec/search/@objective)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="max">
      <xsl:for-each select="$rec/search/@objective[not($robust)] | $rec/baseline/@objective[not($robust)] | $rec/search/@score[$robust] | $rec/baseline/@score[$robust]">
        <xsl:sort select="." data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="scale">
      <xsl:choose>
        <xsl:when test="$max &gt; 0"><xsl:value-of select="$bar-w div ($max * 1.05)"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="n" select="count($rec/baseline) + 1"/>
    <section id="objective" aria-labelledby="objective-h">
      <h2 id="objective-h">Objective against the baselines</h2>
      <p class="note">
        <xsl:choose>
          <xsl:when test="$robust">The QoS targets predicted met and the sum of VM scores (VMOptScore, higher is better) of this allocation and of the equal and proportional splits of MODEL.md; the robust model ranks targets met first.</xsl:when>
          <xsl:otherwise>The objective (sum of VM scores, higher is better) of this allocation and of the equal and proportional splits of MODEL.md.</xsl:otherwise>
        </xsl:choose>
      </p>
      <svg id="chart-objective" viewBox="0 0 {$chart-w} {$n * 44 + 8}" role="img" aria-labelledby="chart-objective-t">
        <title id="chart-objective-t">Objective of the recommended allocation and of the baselines</title>
        <xsl:call-template name="objective-bar">
          <xsl:with-param name="y" select="8"/>
          <xsl:with-param name="label" select="'recommended'"/>
          <xsl:with-param name="sub" select="concat('strategy ', $rec/@strategy)"/>
          <xsl:with-param name="value" select="$opt"/>
          <xsl:with-param name="scale" select="$scale"/>
          <xsl:with-param name="fill" select="'#16324f'"/>
          <xsl:with-param name="id" select="'objective-recommended'"/>
          <xsl:with-param name="extra">
            <xsl:if test="$robust">
              <xsl:value-of select="concat(' · met ', $rec/search/@targets-met, '/', $rec/search/@targets)"/>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:for-each select="$rec/baseline">
          <xsl:variable name="b">
            <xsl:choose>
              <xsl:when test="$robust"><xsl:value-of select="number(@score)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="number(@objective)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:call-template name="objective-bar">
            <xsl:with-param name="y" select="8 + position() * 44"/>
            <xsl:with-param name="label" select="@strategy"/>
            <xsl:with-param name="sub" select="'baseline'"/>
            <xsl:with-param name="value" select="$b"/>
            <xsl:with-param name="scale" select="$scale"/>
            <xsl:with-param name="fill" select="'#8896a5'"/>
            <xsl:with-param name="id" select="concat('objective-', @strategy)"/>
            <xsl:with-param name="extra">
              <xsl:if test="@feasible = 'false'"> infeasible</xsl:if>
              <xsl:if test="$robust and @targets">
                <xsl:value-of select="concat(' · met ', @targets-met, '/', @targets)"/>
              </xsl:if>
              <xsl:if test="$b &gt; 0 and string($opt) != 'NaN'">
                <xsl:value-of select="concat(' · recommended ', format-number(($opt - $b) div $b, '+0.0%;-0.0%'))"/>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </svg>
    </section>
  </xsl:template>

  <xsl:template name="objective-bar">
    <xsl:param name="y"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="scale"/>
    <xsl:param name="fill"/>
    <xsl:param name="id"/>
    <xsl:param name="extra" select="''"/>
    <xsl:param name="sub" select="''"/>
    <xsl:variable name="w">
      <xsl:choose>
        <xsl:when test="$value &gt; 0"><xsl:value-of select="$value * $scale"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <g id="{$id}" class="objective-bar">
      <text x="0" y="{$y + 14}" font-size="13" font-weight="600" fill="#1f2933"><xsl:value-of select="$label"/></text>
      <text x="0" y="{$y + 30}" font-size="12" fill="#52606d"><xsl:value-of select="$sub"/></text>
      <rect x="{$bar-x}" y="{$y + 4}" width="{format-number($w, '0.##')}" height="26" rx="3" fill="{$fill}">
        <title><xsl:value-of select="concat($label, ': ', $value)"/></title>
      </rect>
      <text x="{format-number($bar-x + $w + 10, '0.##')}" y="{$y + 22}" font-size="13" fill="#1f2933">
        <xsl:call-template name="num"><xsl:with-param name="value" select="$value"/><xsl:with-param name="pattern" select="'0.000'"/></xsl:call-template>
        <xsl:value-of select="$extra"/>
      </text>
    </g>
  </xsl:template>

  <!-- ============================ VM table ============================ -->
  <xsl:template name="vm-table">
    <section id="vms" aria-labelledby="vms-h">
      <h2 id="vms-h">Allocation per VM</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">VM</th><th scope="col">Type</th><th scope="col">pCPUs</th>
            <th scope="col" class="n">P</th><th scope="col" class="n">E</th>
            <th scope="col" class="n">Memory MiB</th><th scope="col" class="n">GPU slices</th>
            <th scope="col">GPU VF</th><th scope="col">QoS</th>
            <th scope="col" class="n">Perf</th><th scope="col" class="n">Util</th><th scope="col" class="n">Score</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rec/vm">
            <xsl:variable name="name" select="@name"/>
            <tr>
              <td>
                <span class="swatch">
                  <xsl:attribute name="style">
                    <xsl:text>background:</xsl:text>
                    <xsl:call-template name="palette"><xsl:with-param name="index" select="position()"/></xsl:call-template>
                  </xsl:attribute>
                </span>
                <xsl:text> </xsl:text>
                <strong><xsl:value-of select="@name"/></strong>
                <xsl:if test="@id"><xsl:value-of select="concat(' (id ', @id, ')')"/></xsl:if>
              </td>
              <td><xsl:value-of select="$scenario/vm[@name = $name]/@vm-type"/></td>
              <td>
                <xsl:for-each select="allocation/pcpu">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@id"/>
                </xsl:for-each>
              </td>
              <td class="n"><xsl:value-of select="allocation/@p-cores"/></td>
              <td class="n"><xsl:value-of select="allocation/@e-cores"/></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="value" select="allocation/@memory-mib"/></xsl:call-template></td>
              <td class="n"><xsl:value-of select="allocation/@gpu-slices"/></td>
              <td>
                <xsl:for-each select="allocation/gpu-vf">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@bdf"/>
                </xsl:for-each>
              </td>
              <td>
                <xsl:for-each select="predicted">
                  <xsl:if test="position() &gt; 1"><br/></xsl:if>
                  <xsl:value-of select="concat(@metric, ' ')"/>
                  <xsl:call-template name="qos-num"><xsl:with-param name="value" select="@value"/><xsl:with-param name="metric" select="@metric"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@met = 'true'"><span class="met">met</span></xsl:when>
                    <xsl:otherwise><span class="missed">missed</span></xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
              </td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="value" select="score/@perf"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="value" select="score/@util"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="value" select="score/@total"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- ===================== response families (Table IV) ================ -->
  <xsl:template name="families">
    <xsl:if test="$rec/vm/families or $rec/refine">
      <section id="families" aria-labelledby="families-h">
        <h2 id="families-h">Response families and refinement</h2>
        <xsl:if test="$rec/refine">
          <p class="note" id="refine-status">
            <xsl:value-of select="concat('Refinement loop: ', $rec/refine/@status, ' after ', $rec/refine/@trials, ' measured runs. ', $rec/refine/@reason)"/>
          </p>
        </xsl:if>
        <xsl:if test="$rec/vm/families">
          <p class="note">Mean squared error of each family fitted on the VM's calibration and
            measured runs: on the training points, then leave-one-out (held out, as Table IV of
            the paper). The family with the smallest leave-one-out error predicts the metric;
            with too few points the paper's form stands. "–": the family had too few points.</p>
          <table id="families-table">
            <thead>
              <tr>
                <th scope="col">VM</th><th scope="col">Metric</th><th scope="col" class="n">Points</th>
                <th scope="col">Chosen</th>
                <xsl:for-each select="($rec/vm/families)[1]/family">
                  <th scope="col" class="n"><xsl:value-of select="concat(@name, ' train / held-out')"/></th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$rec/vm/families">
                <tr>
                  <td><xsl:value-of select="../@name"/></td>
                  <td><xsl:value-of select="@metric"/></td>
                  <td class="n"><xsl:value-of select="@points"/></td>
                  <td>
                    <xsl:value-of select="@chosen"/>
                    <xsl:if test="@by-data != 'true'"> (too few points)</xsl:if>
                  </td>
                  <xsl:for-each select="family">
                    <td class="n">
                      <xsl:choose>
                        <xsl:when test="@available = 'true'">
                          <xsl:call-template name="num"><xsl:with-param name="value" select="@train-mse"/></xsl:call-template>
                          <xsl:text> / </xsl:text>
                          <xsl:call-template name="num"><xsl:with-param name="value" select="@loo-mse"/></xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>–</xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ======================== RT reservations ========================= -->
  <!-- seed 002, section 4.3: per RT vCPU the periodic-resource reservation
       (Q, P) of its tasks, partitioned against global EDF (docs/rt-analysis.md) -->
  <xsl:template name="rt-reservations">
    <xsl:if test="$rec/vm/rt-reservation">
      <section id="rt" aria-labelledby="rt-h">
        <h2 id="rt-h">RT reservations per vCPU</h2>
        <p class="note">Each vCPU of an RT VM needs Q ms of CPU every P ms to keep its tasks
          schedulable (partitioned, exact periodic-resource analysis); the rest of its dedicated
          core is headroom. Global EDF (MPR, same runtime on each vCPU it uses) needs the
          total shown. The chrt lines apply on a host with SCHED_DEADLINE (Linux/KVM).</p>
        <xsl:for-each select="$rec/vm[rt-reservation]">
          <xsl:variable name="r" select="rt-reservation"/>
          <h3><xsl:value-of select="@name"/></h3>
          <p>
            <xsl:value-of select="concat('Guest scheduler ', $r/@policy, ' on ', $r/@vcpus, ' vCPUs. Partitioned: ')"/>
            <strong><xsl:value-of select="format-number($r/@bandwidth * 100, '0.00')"/>% of a core</strong>
            <xsl:if test="$r/@schedulable != 'true'"> (no reservation found for every vCPU)</xsl:if>
            <xsl:if test="$r/@unplaced">
              <xsl:value-of select="concat('; tasks that fit on no vCPU: ', $r/@unplaced)"/>
            </xsl:if>
            <xsl:text>; global EDF: </xsl:text>
            <xsl:choose>
              <xsl:when test="$r/@global-bandwidth">
                <strong><xsl:value-of select="format-number($r/@global-bandwidth * 100, '0.00')"/>% of a core</strong>
                <xsl:value-of select="concat(' (', $r/@global-budget-ms, ' ms every ', $r/@global-period-ms, ' ms')"/>
                <xsl:if test="$r/@global-vcpus">
                  <xsl:value-of select="concat(' on ', $r/@global-vcpus, ' vCPUs')"/>
                </xsl:if>
                <xsl:text>)</xsl:text>
              </xsl:when>
              <xsl:otherwise>no budget proven on these vCPUs</xsl:otherwise>
            </xsl:choose>
            <xsl:text>.</xsl:text>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">vCPU</th><th scope="col">pCPU</th><th scope="col">Tasks</th>
                <th scope="col" class="n">Q ms</th><th scope="col" class="n">P ms</th>
                <th scope="col" class="n">Bandwidth</th><th scope="col" class="n">Headroom</th>
                <th scope="col">SCHED_DEADLINE</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$r/vcpu">
                <tr>
                  <td><xsl:value-of select="@index"/></td>
                  <td><xsl:value-of select="@pcpu"/></td>
                  <td><xsl:value-of select="@tasks"/></td>
                  <td class="n"><xsl:value-of select="@budget-ms"/></td>
                  <td class="n"><xsl:value-of select="@period-ms"/></td>
                  <td class="n"><xsl:value-of select="format-number(@bandwidth * 100, '0.00')"/>%</td>
                  <td class="n">
                    <xsl:if test="@headroom * 100 &lt; $r/@headroom-pct"><xsl:attribute name="class">n missed</xsl:attribute></xsl:if>
                    <xsl:value-of select="format-number(@headroom * 100, '0.00')"/>
                    <xsl:text>%</xsl:text>
                  </td>
                  <td>
                    <xsl:if test="@runtime-ns &gt; 0">
                      <code><xsl:value-of select="concat('chrt --deadline --sched-runtime ', @runtime-ns, ' --sched-deadline ', @period-ns, ' --sched-period ', @period-ns, ' -p 0 TID')"/></code>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ========================== diagnostics =========================== -->
  <xsl:template name="diagnostics">
    <xsl:variable name="d" select="$in/diagnostics/diagnostic"/>
    <section id="diagnostics" aria-labelledby="diagnostics-h">
      <h2 id="diagnostics-h">Diagnostics</h2>
      <xsl:choose>
        <xsl:when test="not($in/diagnostics)">
          <p class="note">No diagnostics were collected for this report.</p>
        </xsl:when>
        <xsl:when test="not($d)">
          <p class="note">No errors, warnings or notes.</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="note">
            <xsl:value-of select="concat(count($d[@severity = 'error']), ' errors, ', count($d[@severity = 'warning']), ' warnings, ', count($d[@severity = 'info']), ' notes')"/>
          </p>
          <table id="diagnostics-table">
            <thead><tr><th scope="col">Severity</th><th scope="col">Where</th><th scope="col">Message</th></tr></thead>
            <tbody>
              <xsl:for-each select="$d">
                <tr>
                  <td><span class="badge sev-{@severity}"><xsl:value-of select="@severity"/></span></td>
                  <td>
                    <xsl:value-of select="@file"/>
                    <xsl:if test="@line"><xsl:value-of select="concat(':', @line)"/></xsl:if>
                  </td>
                  <td><xsl:value-of select="."/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
  <!-- (I/O core groups, docs/io-groups.md) the group, the thresholds and
       where they came from, each VM's I/O threads, and the per-sample I/O
       demand against the chosen size (chart-io-demand) -->
  <xsl:template name="io-group">
    <xsl:variable name="g" select="$rec/io-group"/>
    <xsl:if test="$g">
      <xsl:variable name="n" select="count($g/sample)"/>
      <xsl:variable name="size" select="number($g/@size)"/>
      <xsl:variable name="peak">
        <xsl:for-each select="$g/sample/@io-demand">
          <xsl:sort select="." data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="top">
        <xsl:choose>
          <xsl:when test="number($peak) &gt; $size"><xsl:value-of select="number($peak)"/></xsl:when>
          <xsl:when test="$size &gt; 0"><xsl:value-of select="$size"/></xsl:when>
          <xsl:otherwise>1</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <section id="io-group" aria-labelledby="io-group-h">
        <h2 id="io-group-h">I/O core group</h2>
        <p>
          <xsl:value-of select="$g/@mode"/>
          <xsl:text> mode: </xsl:text>
          <xsl:value-of select="$g/@size"/>
          <xsl:text> pCPU(s) for acrn-dm's I/O threads in the Service VM (</xsl:text>
          <xsl:for-each select="$g/pcpu">
            <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
            <xsl:value-of select="@id"/>
          </xsl:for-each>
          <xsl:text>), used by no VM. Thresholds th-io </xsl:text>
          <xsl:value-of select="$g/@th-io"/>
          <xsl:text>, th-vcpu </xsl:text>
          <xsl:value-of select="$g/@th-vcpu"/>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="$g/@th-source"/>
          <xsl:text>). p95 of the summed io_busy </xsl:text>
          <xsl:value-of select="$g/@io-p95"/>
          <xsl:text> cores; the group covers </xsl:text>
          <xsl:value-of select="$g/@covered"/>
          <xsl:text> of </xsl:text>
          <xsl:value-of select="$g/@samples"/>
          <xsl:text> samples.</xsl:text>
        </p>
        <table>
          <thead>
            <tr><th>VM</th><th>I/O threads</th><th>mq</th><th>p95 io_busy</th><th>latency SLO (ms)</th><th>violations</th><th>explored th-vcpu / th-io</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$g/vm">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@iothreads"/></td>
                <td><xsl:value-of select="@mq"/></td>
                <td><xsl:value-of select="@io-p95"/></td>
                <td><xsl:value-of select="@slo-ms"/></td>
                <td>
                  <xsl:if test="@violations">
                    <xsl:value-of select="concat(@violations, ' of ', @latency-samples)"/>
                  </xsl:if>
                </td>
                <td>
                  <xsl:if test="@explored-th-io">
                    <xsl:value-of select="concat(@explored-th-vcpu, ' / ', @explored-th-io)"/>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
            <xsl:for-each select="$g/best-effort">
              <tr>
                <td><xsl:value-of select="@vm"/></td>
                <td colspan="6">
                  <xsl:text>best effort: idle pCPUs </xsl:text>
                  <xsl:for-each select="pcpu">
                    <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
                    <xsl:value-of select="@id"/>
                  </xsl:for-each>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="$n &gt; 0">
          <svg id="chart-io-demand" role="img" viewBox="0 0 {$chart-w} 220" width="100%"
               aria-label="I/O cores each sample needs against the group size">
            <title>I/O cores needed per sample (bars) against the group of <xsl:value-of select="$size"/> (line)</title>
            <xsl:for-each select="$g/sample">
              <xsl:variable name="d" select="number(@io-demand)"/>
              <xsl:variable name="h" select="180 * $d div $top"/>
              <rect x="{$bar-x + (position() - 1) * $bar-w div $n}" y="{190 - $h}"
                    width="{$bar-w div $n}" height="{$h}">
                <xsl:attribute name="fill">
                  <xsl:choose>
                    <xsl:when test="$d &gt; $size"><xsl:value-of select="$c-missed"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$c-met"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <title><xsl:value-of select="concat('t=', @time-s, ' s: io_busy ', @io-busy, ', needs ', @io-demand)"/></title>
              </rect>
            </xsl:for-each>
            <line x1="{$bar-x}" x2="{$bar-x + $bar-w}" y1="{190 - 180 * $size div $top}"
                  y2="{190 - 180 * $size div $top}" stroke="{$c-reserved}" stroke-width="2"/>
            <text x="{$bar-x - 8}" y="{194 - 180 * $size div $top}" text-anchor="end">
              <xsl:value-of select="concat('group ', $size)"/>
            </text>
            <text x="{$bar-x}" y="210">
              <xsl:value-of select="concat('samples over time (', $n, ' shown); red: needs more than the group')"/>
            </text>
          </svg>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
